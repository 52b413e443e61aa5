# The production image. Three stages: `build` compiles with every dependency, `deps` installs
# the production dependencies alone, and the runtime stage gets those, the compiled code (the
# migrations are compiled with it; the compiled tests stay behind) and the files that code
# reads at run time, and runs as the unprivileged `node` user. docker-compose.yml runs it as
# the app and as the reminder worker.
#
#   docker build -t uppfoljning .
#   docker run -e JWT_SECRET=… -e DATABASE_URL=postgres://… -p 3000:3000 uppfoljning
#
# test/production-image-runs-what-the-dockerfile-builds.e2e-spec.ts performs these steps
# without Docker (it reads this file): keep each step a plain command it can follow.

FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
# The units' specs beside the sources import test helpers: tsc compiles what it includes, tests too.
COPY test ./test
RUN npm run build
# The templates, stylesheet and fonts: not TypeScript, so tsc leaves them out of dist/, and the
# compiled code looks for them beside itself (web.setup.ts, pdf-flow.ts).
RUN find src -type f ! -name '*.ts' -exec cp --parents {} dist/ \;

FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/migrations ./dist/migrations
# var/ holds a SQLite database, mails written without SMTP_URL, a LOG_FILE: the user's, and a volume.
RUN mkdir -p var && chown node:node var
USER node
VOLUME ["/app/var"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
