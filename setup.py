"""Guichet KB: a Plone 6.2 knowledge base and service catalogue for a town's one-stop desk."""
from setuptools import find_packages
from setuptools import setup

# Non-Python files a built wheel must carry: ZCML, GenericSetup XML, templates,
# translations and static assets. Without this setuptools drops them silently.
PACKAGE_DATA = [
    "*.zcml", "*.xml", "*.pt", "*.txt", "*.json", "*.cfg",
    "**/*.zcml", "**/*.xml", "**/*.pt", "**/*.txt", "**/*.json", "**/*.cfg",
    "**/*.po", "**/*.pot", "**/*.mo", "**/*.css", "**/*.js", "**/*.svg", "**/*.png", "**/*.ico",
    "**/*.html",
]

# guichet-kb-public (Starlette, Jinja2, uvicorn; httpx to read the REST API) and
# guichet-kb (requests).
CLIENTS = ["starlette", "jinja2", "httpx", "uvicorn", "requests"]

# The add-on itself: Plone and what its code imports.
PLONE = [
    "Plone==6.2.2",
    "Products.CMFPlone==6.2.2",
    "plone.restapi>=10,<11",
    "plone.app.dexterity",
    "plone.app.iterate",
    "plone.app.caching",
    "plone.api",
    "plone.distribution",
    "plone.classicui",
    "collective.z3cform.datagridfield",
    "Zope",
    "plone.recipe.zope2instance",
    "setuptools",
]

setup(
    name="guichet_kb",
    version="0.1.0",
    description="Knowledge base and public-service catalogue for a municipal one-stop desk (Plone 6.2)",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="GPL-2.0-or-later",
    classifiers=[
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    ],
    python_requires=">=3.10",
    package_dir={"": "src"},
    packages=find_packages("src"),
    include_package_data=True,
    package_data={"guichet_kb": PACKAGE_DATA},
    zip_safe=False,
    # The base install is what runs without Plone: the public site (guichet_kb.public,
    # an ASGI app without Zope) and the agents' command line (guichet_kb.agent).
    # The Plone add-on is the `plone` extra (README, "Install details": why an extra).
    install_requires=CLIENTS,
    extras_require={
        "plone": PLONE,
        "test": [
            "plone.app.testing",
            "pytest",
            "pytest-plone",
            "build",
            "aiosmtpd",
            "pyyaml",
            "i18ndude",
            "selenium",
            "schemathesis",
            "ruff",
            "uv",
        ],
        # make cluster / production: the ZODB in RelStorage on PostgreSQL. psycopg2 is
        # built from source (libpq-dev, gcc), as RelStorage recommends for production
        # (docs/cluster.md, "Python side").
        "cluster": [
            "RelStorage[postgresql]",
        ],
        "buildout": [
            "zc.buildout",
            "zc.recipe.egg",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        "console_scripts": [
            "guichet-kb = guichet_kb.agent.cli:main",
            "guichet-kb-public = guichet_kb.public.__main__:main",
        ],
    },
)
