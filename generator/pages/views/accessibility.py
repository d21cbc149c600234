"""``/accessibility/``: the accessibility statement public bodies must publish (the standard met,
how it is checked, what is known not to work yet, whom to tell), made from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from generator.pages import urls
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import Page


@dataclass(frozen=True)
class AccessibilityBody:
    commitment: str
    standard: str
    checks: tuple[str, ...]
    limitations: tuple[str, ...]
    contact: Link | None  # an email address (mailto:) or a web address
    no_contact: str
    prepared: str


def page(site: Site) -> Page:
    _ = site.fmt._
    path = urls.ACCESSIBILITY
    organisation = site.settings.organisation
    body = AccessibilityBody(
        commitment=_(
            "%(organisation)s wants everyone to be able to read this portal, whatever their "
            "sight, hearing, movement or way of reading.",
            organisation=organisation,
        ),
        standard=_(
            "This portal is made to meet the Web Content Accessibility Guidelines (WCAG) 2.2 "
            "at level AA."
        ),
        checks=(
            _(
                "Every kind of page is checked in a real browser (Chromium) with axe-core "
                "against the WCAG 2.2 A and AA rules, in light and in dark colours, each time "
                "the portal's software changes."
            ),
            _("Every page is checked with the W3C's Nu Html Checker."),
            _(
                "Each chart is one image named by a sentence with its latest value, target and "
                "dates, checked in the browser's accessibility tree, and its figures are in a "
                "table below it."
            ),
            _(
                "The pages are checked by keyboard alone, without JavaScript and at 320 CSS "
                "pixels wide."
            ),
            _(
                "Each chart is drawn for a wide and for a narrow screen, so that its text is "
                "at least 12 CSS pixels high on screens from 320 to 1280 pixels wide (measured "
                "in the browser)."
            ),
            _("A status is never shown by colour alone: a symbol and a word stand beside it."),
        ),
        limitations=(
            _(
                "Search needs JavaScript; without it, the A–Z index lists every unit, "  # noqa: RUF001 (a dash, meant)
                "objective and key result, and every page can be reached from the menu."
            ),
        ),
        contact=_contact(site),
        no_contact=_("Tell %(organisation)s about it.", organisation=organisation),
        prepared=_(
            "This statement was prepared with the figures of %(date)s.",
            date=site.fmt.date(site.figures.as_of),
        ),
    )
    return Page(
        path=path,
        template="okr/accessibility.html",
        title=_("Accessibility statement"),
        description=_("How accessible this portal is, and how to report a problem"),
        breadcrumbs=(site.links.home(path),),
        body=body,
    )


def _contact(site: Site) -> Link | None:
    contact = site.settings.accessibility_contact
    if contact is None:
        return None
    href = contact if contact.startswith(("http://", "https://")) else f"mailto:{contact}"
    return Link(href, contact)
