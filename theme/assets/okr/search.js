// The search page (theme/okr/search.html): answers its form from Pagefind's static index
// (generator.exports.search), in the page's language, as the reader types. Every word it
// shows comes from the page (the form's data-* attributes), translated like the rest.
const form = document.querySelector("form.okr-search");
const PAGE = 10; // results shown at a time: each one shown downloads its own small fragment

if (form) {
  const words = form.dataset;
  const field = form.querySelector("input[name=q]");
  const status = document.getElementById("okr-search-status");
  const list = document.getElementById("okr-search-results");
  const more = document.getElementById("okr-search-more");
  const root = new URL(words.root, document.baseURI);
  const number = new Intl.NumberFormat(document.documentElement.lang);
  let pagefind = null;
  let latest = 0; // the last query asked: an older answer arriving late is dropped
  let results = [];

  const fill = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (whole, name) => values[name] ?? whole);

  const load = async () => {
    if (pagefind === null) {
      pagefind = await import(new URL(words.pagefind, document.baseURI).href);
      // Pagefind's addresses are from the site's root; the site may live under a path.
      await pagefind.options({ baseUrl: root.pathname });
      await pagefind.init();
    }
    return pagefind;
  };

  // Pagefind's excerpt is the page's text, unescaped, with the words found in <mark>: only
  // the marks become elements, everything else stays text.
  const excerpt = (text) => {
    const paragraph = document.createElement("p");
    let marked = false;
    for (const part of text.split(/(<\/?mark>)/)) {
      if (part === "<mark>" || part === "</mark>") {
        marked = part === "<mark>";
      } else if (part !== "") {
        const node = marked ? document.createElement("mark") : document.createTextNode(part);
        if (marked) node.textContent = part;
        paragraph.append(node);
      }
    }
    return paragraph;
  };

  const item = (data) => {
    const entry = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    entry.append(link, excerpt(data.excerpt));
    return entry;
  };

  const showMore = async (asked) => {
    const next = results.slice(list.children.length, list.children.length + PAGE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (asked !== latest) return;
    list.append(...data.map(item));
    more.hidden = list.children.length >= results.length;
  };

  const run = async (text) => {
    const asked = ++latest;
    const query = text.trim();
    if (query === "") {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    let search;
    try {
      search = await (await load()).debouncedSearch(query, {}, 250);
    } catch {
      if (asked === latest) status.textContent = words.unavailable;
      return;
    }
    if (search === null || asked !== latest) return; // a newer query replaced this one
    results = search.results;
    list.replaceChildren();
    await showMore(asked);
    if (asked !== latest) return;
    const count = results.length;
    const template = count === 0 ? words.none : count === 1 ? words.one : words.many;
    status.textContent = fill(template, { count: number.format(count), query });
  };

  field.addEventListener("input", () => run(field.value));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const address = new URL(location.href);
    address.searchParams.set("q", field.value);
    history.replaceState(null, "", address);
    run(field.value);
  });
  more.addEventListener("click", () => showMore(latest));
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    field.value = asked;
    run(asked);
  }
}
