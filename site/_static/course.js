// Search results show a text excerpt of each hit, which Sphinx's search fetches from the hit's
// page: a browser allows that over http (`make serve-site`) but not from a file:// page, so
// there the results list titles only, without a failed request per hit.
if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}

// Sphinx takes the excerpt from the page's [role=main] element, which in this theme also holds
// the header bar and the on-page contents: the excerpt would quote menu labels. It is taken
// from the article alone. (This file loads before searchtools.js, whose Search.init also
// waits for DOMContentLoaded, after this listener.)
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || !Search.makeSearchSummary) return;
  const summary = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const doc = new DOMParser().parseFromString(htmlText, "text/html");
    const article = doc.querySelector("article.bd-article");
    if (article) {
      // Nor the page title and its Slides/Download links, which the hit's title already shows.
      article.querySelectorAll("h1, p.course-links").forEach((el) => el.remove());
      doc.querySelectorAll("[role=main]").forEach((el) => el.removeAttribute("role"));
      article.setAttribute("role", "main");
      htmlText = doc.documentElement.outerHTML;
    }
    return summary(htmlText, keywords, anchor);
  };
});

// The on-page contents highlight the section being read: the last heading above a reading line
// a third of the way down the window, below the sticky article header. The theme highlights a
// heading only when it enters the top 30% of the window, so after scrolling back up it leaves the
// section below highlighted until the previous heading comes near the top: the highlight lags the
// reader. Its observer keeps running; whatever it sets is set again from the scroll position.
document.addEventListener("DOMContentLoaded", () => {
  const nav = document.querySelector("#pst-page-toc-nav");
  if (!nav) return;
  const sections = [...nav.querySelectorAll("a.nav-link")].map((link) => {
    const id = decodeURIComponent(link.hash.slice(1));
    const target = id && document.getElementById(id);
    return target && { link, heading: target.querySelector("h1, h2, h3, h4, h5, h6") || target };
  }).filter(Boolean);
  if (!sections.length) return;
  // A contents link followed (or a #hash opened) keeps its entry highlighted until the reader
  // scrolls: near the end of a page the heading may stop below the reading line.
  let followed = null;
  const read = () => {
    if (followed) return followed;
    const header = document.querySelector(".bd-header-article");
    const top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    const line = top + (window.innerHeight - top) / 3;
    // At the foot of the page the last headings can never reach the line: the last one in view.
    const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    let current = null;
    for (const { link, heading } of sections) {
      const y = heading.getBoundingClientRect().top;
      if (y <= line || (atEnd && y < window.innerHeight)) current = link;
    }
    return current;
  };
  const show = () => {
    const current = read();
    for (const { link } of sections) {
      if (link === current) link.classList.add("active"), link.setAttribute("aria-current", "true");
      else link.classList.remove("active"), link.removeAttribute("aria-current");
    }
    nav.querySelectorAll("li.toc-entry").forEach((li) => {
      li.classList.toggle("active", Boolean(current && li.contains(current)));
    });
  };
  const follow = () => {
    followed = sections.map((s) => s.link).find((link) => link.hash === window.location.hash) || null;
    show();
  };
  let frame = 0;
  const schedule = () => { if (!frame) frame = requestAnimationFrame(() => { frame = 0; show(); }); };
  // The reader scrolls again: with the wheel, a finger, a key, or the scrollbar (mousedown).
  ["wheel", "touchmove", "keydown", "mousedown"].forEach((type) => window.addEventListener(type, () => {
    followed = null;
  }, { passive: true }));
  // A contents link to the #hash already in the address bar fires no hashchange.
  window.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (link && link.hash && link.hash === window.location.hash) follow();
  });
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  window.addEventListener("hashchange", follow);
  // The theme's observer changes the classes after a scroll: put back the reader's section.
  new MutationObserver(() => {
    const current = read();
    const shown = nav.querySelector("a.nav-link.active");
    if (shown !== current) show();
  }).observe(nav, { subtree: true, attributes: true, attributeFilter: ["class"] });
  follow();
});
