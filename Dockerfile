# graphsvc API image: `docker compose up` (see compose.yaml and the README's operations section).

# The explorer's browser library, from the npm registry (pinned by frontend/package-lock.json).
FROM node:20-slim AS assets
WORKDIR /src
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund

# Wheels: the dependencies first (a layer that changes only with pyproject.toml), then graphsvc.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml ./
# The service's dependencies, the seed extra's (the compose demo profile runs `graphsvc seed`) and
# the redis extra's (compose shares the rate limits of every worker through Redis).
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml','rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['seed'] + p['optional-dependencies']['redis']))" > requirements.txt \
 && pip wheel --no-cache-dir --wheel-dir /wheels/deps -r requirements.txt
COPY README.md ./
COPY graphsvc ./graphsvc
COPY cypher ./cypher
COPY seeds ./seeds
COPY --from=assets /src/node_modules/cytoscape/dist/cytoscape.min.js ./graphsvc/explore/static/vendor/
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels/app .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 graphsvc
COPY --from=build /wheels/deps /wheels/deps
RUN pip install --no-cache-dir --no-index /wheels/deps/*.whl && rm -rf /wheels/deps
COPY --from=build /wheels/app /wheels/app
RUN pip install --no-cache-dir --no-deps /wheels/app/*.whl && rm -rf /wheels/app
USER 10001
WORKDIR /home/graphsvc
ENV GRAPHSVC_WORKERS=2 PYTHONUNBUFFERED=1
EXPOSE 8000
# Ready when /health says Neo4j answers (compose and orchestrators read this).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"]
# Migrations run at start (recorded in the graph: only new ones run). No key is ever made here:
# create the first one with `docker compose exec api graphsvc keys create --role admin --name ops`.
CMD ["graphsvc", "serve", "--host", "0.0.0.0", "--port", "8000"]
