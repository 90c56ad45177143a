"""Who may open which role, the printed addresses and the JSON views, without a socket."""

from http import HTTPStatus

from server.live.access import Authoriser
from server.live.feeds import ViewFeed
from server.live.json_views import JsonViews
from server.live.slow import SlowClientPolicy
from server.live.urls import live_urls, reachable_host
from server.live.views import BUILDERS

TOKENS = {"c" * 40: "control", "d" * 40: "display", "p" * 40: "public"}


class Tokens:
    def role_of(self, token: str) -> str | None:
        return TOKENS.get(token)


def test_a_token_opens_its_role_and_those_below_it():
    access = Authoriser(Tokens(), public=False)
    assert access.allows("control", "c" * 40) and access.allows("display", "c" * 40)
    assert access.allows("display", "d" * 40) and not access.allows("control", "d" * 40)
    assert access.allows("public", "p" * 40) and not access.allows("display", "p" * 40)
    assert not access.allows("public", "") and not access.allows("display", "")


def test_the_public_role_needs_no_token_only_when_switched_on():
    access = Authoriser(Tokens(), public=True)
    assert access.allows("public", "") and not access.allows("display", "")


def test_urls_carry_the_display_token_except_the_public_view_when_public():
    urls = live_urls("10.0.0.5", 8765, "TOKEN", ("chamber", "public"), public=True,
                     public_token="PUBLIC")
    assert urls["chamber"] == "http://10.0.0.5:8765/chamber?token=TOKEN"
    assert urls["websocket"] == "ws://10.0.0.5:8765/ws"
    assert urls["chamber_json"] == "http://10.0.0.5:8765/view/chamber.json?token=TOKEN"
    assert urls["public_json"] == "http://10.0.0.5:8765/view/public.json"
    ipv6 = live_urls("::1", 80, "T", (), public=False, public_token="P")
    assert ipv6["overlay"] == "http://[::1]:80/overlay?token=T"
    assert reachable_host("192.168.1.20") == "192.168.1.20"


def test_without_public_the_public_view_url_carries_the_public_token_not_the_display_one():
    urls = live_urls("10.0.0.5", 8765, "DISPLAY", ("chamber", "public"), public=False,
                     public_token="PUBLIC")
    assert urls["public_json"] == "http://10.0.0.5:8765/view/public.json?token=PUBLIC"
    assert urls["chamber_json"] == "http://10.0.0.5:8765/view/chamber.json?token=DISPLAY"


def test_json_views_answer_from_the_feed_or_say_why_not(service):
    feeds = {name: ViewFeed(name, build, SlowClientPolicy()) for name, build in BUILDERS.items()}
    views = JsonViews(feeds, Authoriser(Tokens(), public=False), lambda: service.state)
    assert views("nonsense", "d" * 40) is HTTPStatus.NOT_FOUND
    assert views("chamber", "") is HTTPStatus.UNAUTHORIZED
    assert views("public", "") is HTTPStatus.UNAUTHORIZED
    document = views("chamber", "d" * 40)
    assert document["type"] == "snapshot" and document["view"] == "chamber"
    assert document["data"]["sitting"]["number"] == "XL"
    assert document["log_seq"] == service.state.last_seq
