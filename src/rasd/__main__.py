from rasd.cli import app

app()
