# Case tracker image: build with the full toolchain, run with production dependencies only.
#
#   docker build -t case-tracker .
#   docker run -p 3000:3000 -v case-data:/app/data case-tracker           # embedded PGlite
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://user:pw@host:5432/db case-tracker
#
# Or `docker compose up` (docker-compose.yml: the app on PostgreSQL 17).

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: compile TypeScript to dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs its install script for the build (npm 11, as on CI,
# skips them too), and it keeps telemetry postinstalls (@scarf/scarf) from running.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# templates/ is only in the build context once git tracks a file in it: make sure it exists so
# the runtime stage's COPY of it never fails (an empty folder is copied when there is none yet).
RUN npm run build && node dist/src/cli/build-web.js && mkdir -p templates

# ---- runtime: production dependencies, compiled code, document templates ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data/pglite
WORKDIR /app
# OCR for searchable scans (optional: without it search covers text layers and plain text only).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng poppler-utils \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force \
    && mkdir -p /app/data && chown node:node /app/data
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
# The embedded database (used when DATABASE_URL is not set) lives here: mount a volume to keep it.
VOLUME ["/app/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
