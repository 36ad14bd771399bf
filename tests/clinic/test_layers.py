"""The bottom layer, clinic/, stands on its own: the feature apps build on it, never the
other way round. Only the demo loader, which fills every app, sits above them all."""

import ast
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
CLINIC_DIR = REPOSITORY / "clinic"
FEATURE_APPS = {"articles", "registration", "reviews", "feedback", "staff_auth", "access_log"}
ARTICLES_DIR = REPOSITORY / "articles"
ABOVE_EVERYTHING = {CLINIC_DIR / "management" / "commands" / "load_demo_content.py"}


def imported_packages(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def test_the_clinic_app_imports_no_feature_app():
    offenders = {
        str(path.relative_to(CLINIC_DIR)): sorted(set(imported_packages(path)) & FEATURE_APPS)
        for path in CLINIC_DIR.rglob("*.py")
        if path not in ABOVE_EVERYTHING
    }
    assert {path: apps for path, apps in offenders.items() if apps} == {}


def test_every_app_of_the_project_is_in_a_layer():
    """A new app is either the bottom layer or a feature the check above covers."""
    apps = {path.parent.name for path in REPOSITORY.glob("*/apps.py")}
    assert apps == FEATURE_APPS | {"clinic"}


def test_the_layer_check_sees_the_demo_loaders_imports():
    (loader,) = ABOVE_EVERYTHING
    assert set(imported_packages(loader)) >= {"articles", "registration"}


def test_articles_import_neither_their_reviews_nor_their_feedback():
    """reviews/ and feedback/ build on articles/; articles/ knows them only in templates."""
    offenders = {
        str(path.relative_to(ARTICLES_DIR)): sorted(
            set(imported_packages(path)) & {"reviews", "feedback"}
        )
        for path in ARTICLES_DIR.rglob("*.py")
    }
    assert {path: apps for path, apps in offenders.items() if apps} == {}


def test_no_app_imports_the_project_package_or_the_test_and_bench_tooling():
    """The site (clinic_site/) assembles the apps; tests/, bench/ and harness/ drive them."""
    above = {"clinic_site", "tests", "bench", "harness"}
    offenders = {
        str(path.relative_to(REPOSITORY)): sorted(set(imported_packages(path)) & above)
        for app in FEATURE_APPS | {"clinic"}
        for path in (REPOSITORY / app).rglob("*.py")
    }
    assert {path: packages for path, packages in offenders.items() if packages} == {}


def test_the_harness_imports_neither_the_tests_nor_the_benchmarks():
    offenders = {
        str(path.relative_to(REPOSITORY)): sorted(set(imported_packages(path)) & {"tests", "bench"})
        for path in (REPOSITORY / "harness").rglob("*.py")
    }
    assert {path: packages for path, packages in offenders.items() if packages} == {}
