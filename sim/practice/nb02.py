"""Practice exercises of ``02_qua_trinh_quyet_dinh_mua.ipynb``: the funnel, and payment at step 4.

Lecture 000 §2 (the five-step purchase decision process; step 4: chi trả, phân phối) and Chapter 6 of
lecture 001 (online and offline touchpoints).
"""

from __future__ import annotations

from sim.practice import Exercise, Tables


def journey_conversion(tables: Tables) -> float:
    """The share of purchase journeys that end with a purchase.

    A journey is a pair (``customer_id``, ``journey_no``). Formula: |{journeys with an event
    "purchased"}| / |{journeys}|. Lecture 000 §2.
    """
    journey = tables["journey"]
    bought = journey["event"].eq("purchased").groupby([journey["customer_id"], journey["journey_no"]]).any()
    return float(bought.mean())


def cod_share(tables: Tables) -> float:
    """The share of delivered orders paid cash on delivery (COD).

    Formula: |{orders with payment = "cod"}| / |{orders}|. Lecture 000 §2, step 4 (chi trả).
    """
    return float((tables["orders"]["payment"] == "cod").mean())


def refused_at_door(tables: Tables) -> int:
    """Parcels refused at the door ("bom hàng"): step-4 drop-outs with reason ``refused_at_door``.

    Formula: |{journey rows with stage = 4, event = "dropout", reason = "refused_at_door"}|. Lecture 000
    §2, step 4 (phân phối).
    """
    journey = tables["journey"]
    return int(((journey["stage"] == 4) & (journey["event"] == "dropout")
                & (journey["reason"] == "refused_at_door")).sum())


EXERCISES = [
    Exercise("02.1", "Tỷ lệ hành trình mua kết thúc bằng mua hàng (một hành trình là một cặp `customer_id`, "
             "`journey_no`)?", "number", journey_conversion),
    Exercise("02.2", "Tỷ lệ đơn hàng thanh toán khi nhận hàng (COD)?", "number", cod_share),
    Exercise("02.3", "Bao nhiêu kiện hàng bị từ chối nhận ở cửa («bom hàng»)?", "number", refused_at_door, rel_tol=0.0),
]
