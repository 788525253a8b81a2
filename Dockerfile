# The app for a class, in one container: N app processes behind nginx (deploy/serve.sh), on
# port 8080. The install is the README's own command.
#   docker build -t ddpm . && docker run -p 8080:8080 ddpm
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
EXPOSE 8080
CMD ["bash", "deploy/serve.sh", "-a", "0.0.0.0", "-p", "8080"]
