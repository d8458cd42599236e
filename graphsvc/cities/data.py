"""Cities, the local chapters: listed, read, added and corrected by managers."""

from __future__ import annotations

from typing import Any

from graphsvc.errors import require
from graphsvc.store import Store, Tx


def _get(tx: Tx, city_id: str) -> dict[str, Any]:
    return require(tx.single("get_city", id=city_id), "city", city_id)["city"]


def list_cities(store: Store, **params: Any) -> tuple[int, list[dict[str, Any]]]:
    return store.read_page("list_cities", **params)


def get_city(store: Store, city_id: str) -> dict[str, Any]:
    return store.read_unit(lambda tx: _get(tx, city_id))


def create_city(
    store: Store, city: dict[str, Any], *, latitude: float, longitude: float
) -> dict[str, Any]:
    def work(tx: Tx) -> dict[str, Any]:
        tx.run("create_city", city=city, latitude=latitude, longitude=longitude)
        return _get(tx, city["id"])

    return store.write_unit(work)


def update_city(
    store: Store, city_id: str, changes: dict[str, Any], *,
    latitude: float | None, longitude: float | None,
) -> dict[str, Any]:  # fmt: skip
    def work(tx: Tx) -> dict[str, Any]:
        row = tx.single(
            "update_city", id=city_id, changes=changes, latitude=latitude, longitude=longitude
        )
        require(row, "city", city_id)
        return _get(tx, city_id)

    return store.write_unit(work)
