// The studio's Record mode (issue 14), browser side: opens the focused view as a modal dialog (the editor
// behind it inert), hands its keys to the circuit with where the focus was, and remembers "go to the next
// line after Stop" in this browser. What a key does is decided on the server (Core's RecordModeKeys); the
// recording itself goes through recorder.js like every other line's.

const autoAdvanceKey = 'course.studio.recordMode.autoAdvance';
const forwarded = new Set(['Enter', 'Escape', 'ArrowLeft', 'ArrowRight']);
let current = null;

/** Opens the dialog and listens to its keys; answers whether "next line after Stop" was left on. */
export function open(dialog, component) {
  close();
  const onKey = e => {
    const other = e.ctrlKey || e.altKey || e.metaKey;
    if (other || e.repeat || (e.key.length !== 1 && !forwarded.has(e.key))) return;
    const target = kind(e.target);
    // Keys the page would act on itself: Esc would close the dialog behind the circuit's back, and the
    // arrows and Space would scroll. On a button, Enter and Space still press it.
    if (e.key === 'Escape' || (target !== 'TextField' && (e.key === 'ArrowLeft' || e.key === 'ArrowRight'))
        || (target === 'View' && e.key === ' ')) {
      e.preventDefault();
    }
    component.invokeMethodAsync('Key', e.key, e.shiftKey, other, target);
  };
  const onCancel = e => e.preventDefault();
  dialog.addEventListener('keydown', onKey);
  dialog.addEventListener('cancel', onCancel);
  if (!dialog.open) dialog.showModal();
  current = { dialog, onKey, onCancel };
  try {
    return localStorage.getItem(autoAdvanceKey) === 'true';
  } catch {
    return false;
  }
}

/** Closes the dialog (the circuit then removes it). */
export function close() {
  if (!current) return;
  const { dialog, onKey, onCancel } = current;
  dialog.removeEventListener('keydown', onKey);
  dialog.removeEventListener('cancel', onCancel);
  if (dialog.open) dialog.close();
  current = null;
}

/** Remembers "go to the next line after Stop" in this browser. */
export function remember(autoAdvance) {
  try {
    localStorage.setItem(autoAdvanceKey, autoAdvance ? 'true' : 'false');
  } catch {
    // Storage refused (private mode): the choice lasts this visit.
  }
}

function kind(element) {
  if (!element || !element.tagName) return 'View';
  const tag = element.tagName;
  if (element.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT') return 'TextField';
  if (tag === 'INPUT') {
    return ['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(element.type) ? 'Control' : 'TextField';
  }
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || tag === 'LABEL' || element.getAttribute('role') === 'button') return 'Control';
  return 'View';
}
