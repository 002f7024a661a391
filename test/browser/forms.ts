/** Filling the workbench's action forms from a browser test or bench: a select picks, anything else is typed. */
import type { Locator, Page } from 'playwright-core';

/** Set `fields` (by their `field-NAME` test ids) inside `form`. */
export async function fillFields(form: Locator, fields: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const field = form.getByTestId(`field-${name}`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

/** Pick raw op `op` in the action panel and fill its form (Apply is left to the caller). */
export async function fillOpForm(page: Page, op: string, fields: Readonly<Record<string, string>>): Promise<void> {
  await page.getByTestId('op-picker').selectOption(op);
  await fillFields(page.getByTestId(`form-${op}`), fields);
}
