// Links each quotation in the side list with its highlighted spans in the article text:
// pointing at or focusing one marks the other. No inline scripts, no HTML built from strings.
"use strict";

function segmentsOf(id) {
  // highlight_html marks segments with data-roles="role:quotation-id ..."
  return Array.from(document.querySelectorAll("[data-roles]")).filter((el) =>
    el.getAttribute("data-roles").split(" ").some((mark) => mark.split(":").slice(1).join(":") === id)
  );
}

function link(item) {
  const id = item.getAttribute("data-quotation");
  const segments = segmentsOf(id);
  const mark = (on) => {
    item.classList.toggle("active", on);
    for (const el of segments) el.classList.toggle("z-active", on);
  };
  item.tabIndex = 0;
  item.addEventListener("mouseenter", () => mark(true));
  item.addEventListener("mouseleave", () => mark(false));
  item.addEventListener("focus", () => mark(true));
  item.addEventListener("blur", () => mark(false));
  item.addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    if (segments.length) segments[0].scrollIntoView({ behavior: "smooth", block: "center" });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  for (const item of document.querySelectorAll(".quotation-item[data-quotation]")) link(item);
});
