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
