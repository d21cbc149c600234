"""Where the keyboard is, seen: a walk through a page with the Tab key that, at every stop, asks
whether a sighted reader can tell which element has the focus (WCAG 2.4.7 Focus Visible, 2.4.11
Focus Not Obscured, with 2.4.13's 2 CSS pixels for a ring).

At each stop the focused element, or what draws it (the label of a native control that is
hidden, as Material's colour toggle is), must be

- drawn: some area, not transparent, not hidden;
- on the screen: not off the canvas (a drawer beyond the edge), nor under another element;
- marked, compared with how it looked before any focus: an outline of 2 CSS pixels or more, a
  box shadow, a new background, border or underline. A change of text colour alone does not
  count (Material's links turn from one indigo to another).

Transitions and animations are switched off first, so what is measured is where things come to
rest, not where they are on the way there.
"""

from __future__ import annotations

from typing import Literal

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

STILL = (
    "*, *::before, *::after { transition: none !important; animation: none !important;"
    " scroll-behavior: auto !important; }"
)

ADD_STYLE = """css => document.head.appendChild(
    Object.assign(document.createElement('style'), {textContent: css}))"""

#: Called with true once, before the first Tab: how every element that may take the focus looks.
#: Called with false at each stop: null once the focus has left the page, else the focused
#: element and what is wrong with how it is shown (null when nothing).
LOOK = """before => {
    const sides = ['top', 'right', 'bottom', 'left'];
    const properties = ['outline-style', 'outline-width', 'outline-color', 'box-shadow',
        'background-color', 'text-decoration-line',
        ...sides.flatMap(s => [`border-${s}-style`, `border-${s}-width`, `border-${s}-color`])];
    const look = e => {
        const style = getComputedStyle(e);
        return Object.fromEntries(properties.map(p => [p, style.getPropertyValue(p)]));
    };
    if (before) {
        window.okrUnfocused = new Map();
        const focusable = 'a, area, button, input, select, textarea, summary, label, iframe,'
            + ' [tabindex], [contenteditable]';
        for (const e of document.querySelectorAll(focusable)) window.okrUnfocused.set(e, look(e));
        return null;
    }
    const focused = document.activeElement;
    if (!focused || focused === document.body || focused === document.documentElement) {
        return null;
    }
    window.okrFirst ??= focused;
    const name = e => {
        const words = (e.getAttribute('aria-label') || e.textContent || '').trim();
        return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + [...e.classList].filter(c => c !== 'focus-visible').map(c => '.' + c).join('')
            + ` "${words.replace(/\\s+/g, ' ').slice(0, 50)}"`;
    };
    const px = value => parseFloat(value) || 0;
    const drawers = [focused, ...(focused.labels || [])];
    const next = focused.nextElementSibling;
    if (next && next.tagName === 'LABEL') drawers.push(next);
    const drawn = drawers.filter(e => {
        const box = e.getBoundingClientRect();
        return box.width * box.height > 0 && e.checkVisibility(
            {opacityProperty: true, visibilityProperty: true,
             checkOpacity: true, checkVisibilityCSS: true});
    });
    if (drawn.length === 0) return {element: name(focused), problem: 'not drawn'};
    const where = e => {
        const box = e.getClientRects()[0];
        const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
        const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
        if (right <= left || bottom <= top) {
            const at = [box.left, box.top, box.width, box.height].map(Math.round).join(', ');
            return `off the screen (at ${at} in ${innerWidth} by ${innerHeight})`;
        }
        const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
        return hit && e.contains(hit) ? null : 'under ' + (hit ? name(hit) : 'nothing');
    };
    const hidden = drawn.map(where);
    if (hidden.every(h => h !== null)) return {element: name(focused), problem: hidden[0]};
    const ruled = (style, side) => style[`border-${side}-style`] === 'none'
        || px(style[`border-${side}-width`]) === 0
        ? '' : style[`border-${side}-width`] + ' ' + style[`border-${side}-color`];
    const marked = e => {
        const now = look(e), then = window.okrUnfocused.get(e);
        if (!then) return false;
        const ring = now['outline-style'] !== 'none' && px(now['outline-width']) >= 2
            && (then['outline-style'] === 'none' || px(then['outline-width']) < 2
                || then['outline-color'] !== now['outline-color']);
        const shadow = now['box-shadow'] !== 'none' && now['box-shadow'] !== then['box-shadow'];
        const other = now['background-color'] !== then['background-color']
            || now['text-decoration-line'] !== then['text-decoration-line']
            || sides.some(side => ruled(now, side) !== ruled(then, side));
        return ring || shadow || other;
    };
    if (!drawn.some(marked)) {
        const style = look(drawn[0]);
        const ring = `${style['outline-style']} ${style['outline-width']}`;
        return {element: name(focused),
                problem: `no focus indicator (outline ${ring}, box-shadow ${style['box-shadow']})`};
    }
    return {element: name(focused), problem: null};
}"""


def focus_walk(page: Page, stops: int) -> list[tuple[str, str | None]]:
    """Tab through the page just loaded, from its start, for at most ``stops`` stops: at each,
    the focused element and what is wrong with how it is shown (None when nothing)."""
    page.evaluate(ADD_STYLE, STILL)
    page.evaluate(LOOK, True)
    walk: list[tuple[str, str | None]] = []
    while len(walk) < stops:
        page.keyboard.press("Tab")
        seen = page.evaluate(LOOK, False)
        if seen is None:
            # The focus has left the page: past its end, Tab brings it back to the first stop;
            # anywhere else, the focus was lost (on an element hidden as it took it).
            back = _tab_back(page)
            if back == "at the start":
                break
            walk.append(("nothing", f"the focus is on nothing after stop {len(walk)}"))
            if back == "nowhere":
                break
            seen = page.evaluate(LOOK, False)
        if seen["problem"] and not seen["problem"].startswith("no focus indicator"):
            # Material's script may still be placing what the focus went into (it sizes its
            # menu as the page scrolls, after the scroll): a moment, then look again.
            page.wait_for_timeout(150)
            seen = page.evaluate(LOOK, False) or seen
        walk.append((seen["element"], seen["problem"]))
    return walk


#: How long the focus may take to come back to the page after a Tab, and how many Tabs are
#: pressed for it. The focus leaves past the page's end for the browser and comes back on the
#: next Tab; on a busy machine that Tab may come while the focus is still on its way out and be
#: lost (an embed of one link read "the focus is on nothing" in CI twice, once with a wait of
#: 2 s after a single Tab).
RETURN_MS = 2000
RETURN_TABS = 3

ON_AN_ELEMENT = """() => {
    const focused = document.activeElement;
    return focused && focused !== document.body && focused !== document.documentElement;
}"""


def _tab_back(page: Page) -> Literal["at the start", "elsewhere", "nowhere"]:
    """Where Tab brings the focus once it has left the page: its first stop (it had gone past
    the end), another element (it had been lost), or, after every Tab allowed, nowhere."""
    for _ in range(RETURN_TABS):
        page.keyboard.press("Tab")
        try:
            page.wait_for_function(ON_AN_ELEMENT, timeout=RETURN_MS)
        except PlaywrightTimeout:
            continue
        first = page.evaluate("() => document.activeElement === window.okrFirst")
        return "at the start" if first else "elsewhere"
    return "nowhere"


def focus_problems(walk: list[tuple[str, str | None]]) -> list[str]:
    """``element: problem`` for each stop of a walk where the focus is not seen."""
    return [f"{element}: {problem}" for element, problem in walk if problem]
