# The portal's image: the same code runs as web (gunicorn), Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

RUN useradd --create-home --uid 1000 portal
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
# collectstatic needs a key but no database; the real key comes from the environment at run time.
RUN SECRET_KEY=build-only PRODUCTION=true ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private_media && chown -R portal /app/media /app/private_media
USER portal
EXPOSE 8000
CMD ["gunicorn", "congress.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
