"""The local web app: FastAPI + Jinja2, served on 127.0.0.1 only."""
