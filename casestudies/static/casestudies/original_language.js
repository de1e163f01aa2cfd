// The case study editor follows its original language as the editor changes it, without a
// reload: that language's tab moves first after the facts, is marked "(original)", and its title
// and summary carry the required marks (casestudies/panels.py renders the same on load).
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("id_original_language");
  const tabs = document.querySelector("[data-language-headings]");
  if (!select || !tabs) return;
  const headings = JSON.parse(tabs.dataset.languageHeadings);
  const originalHeading = tabs.dataset.originalHeading;
  const list = tabs.querySelector("[role=tablist]");
  const trigger = (code) => list.querySelector(`[role=tab].language-${code}`);

  const setHeading = (tab, text) => {
    const label = [...tab.childNodes].find((node) => node.nodeType === Node.TEXT_NODE);
    label.textContent = text;
  };

  const setRequired = (fieldId, required) => {
    const label = document.getElementById(`${fieldId}-label`);
    if (!label) return;
    const mark = label.querySelector(".w-required-mark");
    if (required && !mark) {
      const star = document.createElement("span");
      star.className = "w-required-mark";
      star.textContent = "*";
      label.append(star);
    } else if (!required && mark) {
      mark.remove();
    }
  };

  const follow = () => {
    const original = select.value;
    const codes = Object.keys(headings);
    const ordered = [original, ...codes.filter((code) => code !== original)];
    const facts = list.querySelector("[role=tab]");
    facts.after(...ordered.map(trigger));
    for (const code of codes) {
      const isOriginal = code === original;
      setHeading(
        trigger(code),
        isOriginal ? originalHeading.replace("%(language)s", headings[code]) : headings[code],
      );
      setRequired(`id_title_${code}`, isOriginal);
      setRequired(`id_summary_${code}`, isOriginal);
    }
  };

  select.addEventListener("change", follow);
});
