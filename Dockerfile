# One image for every Liaison process; docker-compose.yml picks the command.
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY schema ./schema
COPY codegen.ts prisma.config.ts tsconfig.json ./
COPY scripts/generate.ts ./scripts/generate.ts
# Dev dependencies too: install generates the Prisma client and resolver types.
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production HOST=0.0.0.0
USER node
