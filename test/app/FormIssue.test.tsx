import { screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../helpers/renderApp.tsx';

// A value of the wrong form typed in an action form is shown at its field, in the form's words (its
// label, "a hex address such as 0x1000"), not in the scenario file's ("iova: expected a hex string",
// which Import keeps): the field is marked invalid, describes itself by the message, and takes focus.

const setup = () => renderApp();
type User = ReturnType<typeof userEvent.setup>;

async function retype(user: User, field: HTMLElement, text: string) {
  await user.clear(field);
  if (text !== '') await user.type(field, text);
}

/** The field's message, found the way assistive technology finds it: through aria-describedby. */
function describedError(field: HTMLElement): string {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ');
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field-error'));
  return error?.textContent ?? '';
}

describe('form errors at the field, in the form’s words', () => {
  it('raw map form: a bad IOVA is marked at the field, described by it, focused; typing there clears it', async () => {
    const { store, user } = setup();
    await user.selectOptions(screen.getByTestId('op-picker'), 'map');
    const form = screen.getByTestId('form-map');
    const iova = within(form).getByTestId('field-iova');
    await retype(user, iova, 'zzz');
    await user.click(within(form).getByTestId('apply-map'));

    expect(iova).toHaveAttribute('aria-invalid', 'true');
    expect(describedError(iova)).toBe('iova: expected a hex address such as 0x1000');
    expect(iova).toHaveFocus();
    expect(iova).toHaveAccessibleDescription(/expected a hex address such as 0x1000/);
    // Not the file format's words, and no whole-form alert beside the field's own message.
    expect(form).not.toHaveTextContent('expected a hex string');
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(store.getState().steps).toHaveLength(18);

    await user.type(iova, 'x');
    expect(iova).not.toHaveAttribute('aria-invalid');
    expect(within(form).queryByTestId('field-error')).toBeNull();
  });

  it('raw form: the field the engine names first is the one marked (pa before size), then the next', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByTestId('op-picker'), 'map');
    const form = screen.getByTestId('form-map');
    await retype(user, within(form).getByTestId('field-pa'), '12');
    await retype(user, within(form).getByTestId('field-size'), 'lots');
    await user.click(within(form).getByTestId('apply-map'));
    expect(within(form).getByTestId('field-pa')).toHaveFocus();
    expect(
      within(form)
        .getAllByTestId('field-error')
        .map((e) => e.textContent),
    ).toEqual(['pa: expected a hex address such as 0x1000']);
    await retype(user, within(form).getByTestId('field-pa'), '0x1000');
    await user.click(within(form).getByTestId('apply-map'));
    expect(within(form).getByTestId('field-size')).toHaveFocus();
    expect(within(form).getByTestId('field-error')).toHaveTextContent(
      'size: expected a size such as 4KiB, 2MiB, 1GiB, 0x1000 or a byte count',
    );
  });

  it('guided map: the message uses the field’s label (IOVA), and Enter in another field moves focus to it', async () => {
    const { store, user } = setup();
    await user.selectOptions(screen.getByTestId('intent-picker'), 'map');
    const form = screen.getByTestId('intent-map');
    const iova = within(form).getByTestId('field-iova');
    await retype(user, iova, '4096');
    await user.click(within(form).getByTestId('field-size'));
    await user.keyboard('{Enter}');
    expect(iova).toHaveFocus();
    expect(iova).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByTestId('field-error')).toHaveTextContent('IOVA: expected a hex address such as 0x1000');
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(store.getState().steps).toHaveLength(18);
    // Focus moved to the field, which reads its message: the live region stays silent (no double announcement).
    expect(within(form).getByTestId('field-issue-live')).toBeEmptyDOMElement();
  });

  // Enter in the bad field itself: focus does not move, so a screen reader reads nothing from the field; the
  // message goes to the form's polite live region, as a fresh node on every Apply so a repeat is read again.
  it.each([
    ['intent-picker', 'intent-map', 'IOVA: expected a hex address such as 0x1000'],
    ['op-picker', 'form-map', 'iova: expected a hex address such as 0x1000'],
  ])('%s map: Enter in the bad field announces its message in a polite live region', async (picker, formId, text) => {
    const { store, user } = setup();
    await user.selectOptions(screen.getByTestId(picker), 'map');
    const form = screen.getByTestId(formId);
    const iova = within(form).getByTestId('field-iova');
    await retype(user, iova, '4096');
    await user.keyboard('{Enter}');
    expect(iova).toHaveFocus();
    expect(iova).toHaveAttribute('aria-invalid', 'true');
    const live = within(form).getByTestId('field-issue-live');
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(live).toHaveTextContent(text);
    const first = live.firstElementChild;
    await user.keyboard('{Enter}');
    expect(live).toHaveTextContent(text);
    expect(live.firstElementChild).not.toBe(first);
    // Fixing the field clears what the region holds; nothing was applied meanwhile.
    await user.type(iova, 'x');
    expect(live).toBeEmptyDOMElement();
    expect(store.getState().steps).toHaveLength(18);
  });

  it('guided recipe: a value the recipe puts in another op’s field is shown at the form field it came from', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByTestId('intent-picker'), 'vm-mdev');
    const form = screen.getByTestId('intent-vm-mdev');
    await user.selectOptions(within(form).getByTestId('field-vm'), '+new');
    // The new VM's id is createVm's `id` (the form's `id` field is the mdev's): shown at "New VM id".
    const vmId = within(form).getByTestId('field-vmId');
    await retype(user, vmId, '');
    await user.click(within(form).getByTestId('apply-intent'));
    expect(vmId).toHaveFocus();
    expect(within(form).getByTestId('field-error')).toHaveTextContent(
      'New VM id: expected a name such as vm1; it cannot be empty',
    );
    expect(within(form).getByTestId('field-id')).not.toHaveAttribute('aria-invalid');
  });

  it('a value inside a structured field names the part (hwptInvalidate commands[0].asid)', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByTestId('op-picker'), 'hwptInvalidate');
    const form = screen.getByTestId('form-hwptInvalidate');
    await retype(user, within(form).getByTestId('field-hwpt'), 'h');
    const commands = within(form).getByTestId('field-commands');
    await user.clear(commands);
    // user.type reads [ and { as key descriptors: paste the JSON instead.
    await user.click(commands);
    await user.paste('[{"cmd": "CMD_TLBI_NH_ASID", "asid": "one"}]');
    await user.click(within(form).getByTestId('apply-hwptInvalidate'));
    expect(commands).toHaveFocus();
    expect(within(form).getByTestId('field-error').textContent).toMatch(/^commands: \[0\]\.asid: /);
  });
});
