// Citation chips are plain links (#qz-cite-<turn>-<n>): the chatbot's sanitiser keeps href and
// class only. One capturing listener turns a click on a chip into a click on the hidden
// "open source" button, whose js step reads window.qzCite.
(() => {
  if (window.qzInstalled) return;
  window.qzInstalled = true;
  document.addEventListener("click", (event) => {
    const chip = event.target.closest && event.target.closest('a[href*="#qz-cite-"]');
    if (!chip) return;
    event.preventDefault();
    event.stopPropagation();
    window.qzCite = chip.getAttribute("href");
    const button = document.querySelector("#qz-cite-open");
    if (button) button.click();
  }, true);
  window.qzScrollToMark = () => {
    setTimeout(() => {
      const hit = document.querySelector("#qz-source mark, #qz-source tr.qz-hit");
      if (hit) hit.scrollIntoView({ block: "center", behavior: "smooth" });
    }, 200);
  };
})();
