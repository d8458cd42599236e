FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphsvc ./graphsvc
COPY cypher ./cypher
COPY seeds ./seeds
# Editable install: the service reads cypher/ and seeds/ next to the package.
RUN pip install --no-cache-dir -e .
EXPOSE 8000
CMD ["graphsvc", "demo", "--host", "0.0.0.0", "--port", "8000"]
