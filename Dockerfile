# One image for every Liaison process; docker-compose.yml and the Kubernetes
# manifests pick the command.

# Build: every dependency, to generate the Prisma client and resolver types.
FROM node:24-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --workspaces=false --no-audit --no-fund

# Run: production dependencies only, the generated code, no npm in between.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
COPY bench/package.json ./bench/
RUN npm ci --omit=dev --workspaces=false --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/generated ./generated
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
EXPOSE 4000
CMD ["node", "scripts/serve-gateway.ts"]
