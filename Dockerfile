# One image for every Liaison process: the gateway by default; compose and
# the Kubernetes manifests pick the command (a subgraph, or the migrate-and-
# seed job). Build: docker build -t liaison .

# Every dependency, to generate the Prisma client and resolver types
# (`npm run generate`, which fetches the Prisma CLI on its own).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY bench/package.json ./bench/
RUN npm ci --workspaces=false --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run generate

# Production dependencies only, less what no Liaison process loads: Prisma's
# query compilers for other databases, source maps, and TypeScript (a peer of
# @prisma/client used only for its types).
FROM node:24-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY bench/package.json ./bench/
RUN npm ci --omit=dev --workspaces=false --ignore-scripts --no-audit --no-fund \
  && find node_modules/@prisma/client/runtime -name 'query_compiler_*' ! -name 'query_compiler_fast_bg.postgresql.*' -delete \
  && find node_modules -name '*.map' -delete \
  && rm -rf node_modules/typescript node_modules/@typescript

# What runs: Node itself as PID 1 (no npm or shell in between), so SIGTERM
# reaches the process, which drains and exits. Files belong to root and the
# process runs as `node`: it can read its code, not change it.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 MANAGEMENT_PORT=9464
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /app/generated ./generated
COPY package.json ./
COPY platform ./platform
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY supergraph ./supergraph
COPY scripts ./scripts
COPY schema ./schema
COPY source ./source
COPY web ./web
COPY prisma ./prisma
USER node
EXPOSE 4000 9464
STOPSIGNAL SIGTERM
# Ready when the server answers /ready; a subgraph's container sets
# PROBE_PORT to its port (compose and Kubernetes probe it themselves).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["node", "scripts/probe.ts"]
CMD ["node", "scripts/serve-gateway.ts"]
