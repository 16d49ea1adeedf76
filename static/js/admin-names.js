/* Names the controls that Django admin's own scripts draw without a valid name (axe-core, WCAG 4.1.2).
   Without JavaScript the admin draws plain <select> boxes, named by their <label>, and this has nothing to do.

   - An autocomplete field (select2 4.0.13, bundled with Django): select2 names its combobox only by the value
     shown (empty until one is chosen) and marks that value as a "textbox" with no name at all. The combobox is
     named here by the field's <label> and the value shown, and the value is plain text inside it.
   - The filter boxes of a two-list selector (SelectFilter2.js) put an aria-label on an icon <span> with no role,
     where ARIA forbids it; as role="img" the icon keeps its description and names the filter box it labels.

   select2 draws its boxes when the page is ready, and again for each inline row added; SelectFilter2 when the page
   has loaded: an observer of the page's new elements catches them all. */
"use strict";

(function () {
    function nameAutocomplete(selection) {
        const container = selection.closest(".select2");
        const select = container && container.previousElementSibling;
        if (!select || select.tagName !== "SELECT" || !select.id) {
            return;
        }
        const label = document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        if (!label) {
            return;
        }
        if (!label.id) {
            label.id = `${select.id}-label`;
        }
        const ids = [label.id];
        const shown = selection.querySelector(".select2-selection__rendered");
        if (shown && shown.id) {
            shown.removeAttribute("role");
            shown.removeAttribute("aria-readonly");
            ids.push(shown.id);
        }
        selection.setAttribute("aria-labelledby", ids.join(" "));
        selection.dataset.idmNamed = "";
    }

    function nameAll() {
        document.querySelectorAll(".select2-selection[role=combobox]:not([data-idm-named])").forEach(nameAutocomplete);
        document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
            icon.setAttribute("role", "img");
        });
    }

    new MutationObserver(nameAll).observe(document.documentElement, {childList: true, subtree: true});
    document.addEventListener("DOMContentLoaded", nameAll);
})();
