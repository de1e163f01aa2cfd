# The one-machine production profile in a container: the same steps as `make serve` (install,
# migrate, set up the site, collect static files, then gunicorn and the task worker).
# Build: docker build -t knowledge .
# Run:   docker run -p 8000:8000 -e SECRET_KEY=... -e ALLOWED_HOSTS=knowledge.example.org \
#          -v knowledge-data:/data knowledge
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install --yes --no-install-recommends make postgresql-client \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
RUN make install

# SQLite, uploads and backups live on the volume; set DATABASE_URL for PostgreSQL instead.
ENV DATABASE_URL=sqlite:////data/site.sqlite3 \
    MEDIA_ROOT=/data/media \
    BACKUP_DIR=/data/backups \
    PORT=8000
VOLUME /data
EXPOSE 8000
STOPSIGNAL SIGTERM
CMD ["make", "serve"]
