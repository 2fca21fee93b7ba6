// The static view of an exploration (course_utils.explore): drag each of its sliders with the
// mouse, as a reader would, and report whether the frame shown changed. Shared by the deck
// and the site drivers; `within` narrows the search (a deck checks its current slide only).
"use strict";

async function dragExplorations(page, within = "body") {
  const found = [];
  const roots = page.locator(`${within} .course-explore`);
  for (let r = 0; r < await roots.count(); r++) {
    const root = roots.nth(r);
    const entry = { id: await root.getAttribute("id"), sliders: [] };
    const sliders = root.locator('input[type="range"]');
    for (let s = 0; s < await sliders.count(); s++) {
      const slider = sliders.nth(s);
      await slider.scrollIntoViewIfNeeded();
      const before = await root.locator("img").getAttribute("src");
      const box = await slider.boundingBox();
      const value = await slider.inputValue();
      const max = await slider.getAttribute("max");
      // From the thumb's place to the far end the slider is not at.
      const at = (v) => box.x + 8 + (box.width - 16) * (Number(v) / Number(max));
      const target = Number(value) === Number(max) ? 0 : Number(max);
      await page.mouse.move(at(value), box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(at(target), box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const after = await root.locator("img").getAttribute("src");
      entry.sliders.push({
        label: await slider.getAttribute("aria-label"), from: value,
        to: await slider.inputValue(), changed: before !== after,
        shown: await root.locator("output").nth(s).textContent(),
      });
    }
    found.push(entry);
  }
  return found;
}

module.exports = { dragExplorations };
