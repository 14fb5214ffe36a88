/* The four tabs (arrow keys, Home, End) and their address fragments (#projekt-check, #quellensuche, #entwurf). */

import { $, $$ } from "./dom.js";
import { refreshExportList } from "./export.js";

const TAB_HASH = { "tab-chat": "", "tab-check": "projekt-check", "tab-search": "quellensuche", "tab-export": "entwurf" };

export function selectTab(tab, { focus = true, updateHash = true } = {}) {
  for (const other of $$('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(`#${other.getAttribute("aria-controls")}`).hidden = !selected;
  }
  if (focus) tab.focus();
  if (updateHash) {
    const hash = TAB_HASH[tab.id];
    history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
  }
  if (tab.id === "tab-export") refreshExportList();
}

export function setupTabs() {
  const tabs = $$('[role="tab"]');
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const i = tabs.indexOf(tab);
      let target = null;
      if (event.key === "ArrowRight") target = tabs[(i + 1) % tabs.length];
      else if (event.key === "ArrowLeft") target = tabs[(i - 1 + tabs.length) % tabs.length];
      else if (event.key === "Home") target = tabs[0];
      else if (event.key === "End") target = tabs[tabs.length - 1];
      if (target) { event.preventDefault(); selectTab(target); }
    });
  }
  const fromHash = Object.entries(TAB_HASH).find(([, hash]) => hash && `#${hash}` === location.hash);
  if (fromHash) selectTab($(`#${fromHash[0]}`), { focus: false, updateHash: false });
}
