/* The admin's export page (templates/admin/import_export/export.html): "Select all"
   checks or unchecks every field of its resource, and shows whether all are checked.
   django-import-export does this with an inline onchange handler, which the
   Content-Security-Policy blocks; this file comes from our own origin. */
"use strict";

(() => {
  const fieldsOf = (toggle) => {
    const row = toggle.closest("[resource-index]");
    const index = row ? row.getAttribute("resource-index") : null;
    const rows = document.querySelectorAll(
      `.selectable-field-export-row[resource-index="${index}"]`
    );
    return Array.from(rows).flatMap((each) =>
      Array.from(each.querySelectorAll('input[type="checkbox"]:not(.select-toggle)'))
    );
  };

  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    const fields = fieldsOf(toggle);
    toggle.addEventListener("change", () => {
      fields.forEach((field) => {
        field.checked = toggle.checked;
      });
    });
    fields.forEach((field) => {
      field.addEventListener("change", () => {
        toggle.checked = fields.every((each) => each.checked);
      });
    });
  });
})();
