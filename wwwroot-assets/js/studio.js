// The instructor studio's browser side. The server owns the draft, its parsing and its saving; this module
// does what only a browser can: it keeps the server's copy of the script in step with the textarea by
// sending small edits (a whole chapter would not fit in one circuit message), draws the line numbers and
// error marks behind the text, remembers unsaved text in localStorage, and saves with a beacon when the
// page is hidden or closed. It also uploads files for import, over plain HTTP.

const backupPrefix = "course.studio.draft.";
const chunkSize = 6000; // UTF-16 units per circuit message: at most ~18 KB of UTF-8, well under 32 KB

let editor = null;

function token() {
    const input = document.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : "";
}

// ---- The script editor --------------------------------------------------------------------------

export function startEditor(dotnet, textarea, mirror, options) {
    stopEditor();
    const s = {
        dotnet,
        textarea,
        mirror,
        draftUrl: options.draftUrl,
        backupKey: backupPrefix + options.chapterId,
        revision: options.revision,
        epoch: options.epoch,
        // The server's copy is the textarea's unless a line end was lost on the way (then it is sent whole).
        sent: textarea.value.length === options.length ? textarea.value : null,
        version: 0,
        savedVersion: 0,
        beaconVersion: -1,
        flushing: false,
        conflict: false,
        errors: [],
        caretLine: 0,
        caretTimer: 0,
        mirrorFrame: 0,
        listeners: [],
    };
    editor = s;

    listen(s, textarea, "input", () => onInput(s));
    listen(s, textarea, "scroll", () => syncScroll(s));
    for (const type of ["keyup", "click", "focus", "select"]) {
        listen(s, textarea, type, () => caretSoon(s));
    }
    listen(s, document, "selectionchange", () => {
        if (document.activeElement === textarea) caretSoon(s);
    });
    listen(s, textarea, "keydown", event => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
            event.preventDefault();
            s.dotnet.invokeMethodAsync("OnSaveNow").catch(() => { });
        }
    });
    listen(s, document, "visibilitychange", () => {
        if (document.visibilityState === "hidden") saveInBackground(s, false);
    });
    listen(s, window, "pagehide", () => saveInBackground(s, true));
    // The slides view's drag grips: Firefox starts a drag only with data set, and the whole card or row
    // makes a better drag image than the grip. The move itself is the server's (SlidesView).
    listen(s, document, "dragstart", event => {
        const grip = event.target instanceof Element ? event.target.closest("[data-drag-grip]") : null;
        if (!grip || !event.dataTransfer) return;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
        const item = grip.closest(".segment-row, .slide-card");
        if (item) event.dataTransfer.setDragImage(item, 16, 16);
    });
    if (typeof ResizeObserver !== "undefined") {
        const observer = new ResizeObserver(() => syncScroll(s));
        observer.observe(textarea);
        s.listeners.push(() => observer.disconnect());
    }

    renderMirror(s);
    if (s.sent === null) flush(s);

    let backupAt = 0;
    const backup = readBackup(s);
    if (backup) {
        if (backup.text === textarea.value) removeBackup(s);
        else backupAt = backup.at || 1;
    }
    let timeZone = "UTC";
    try {
        timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch {
        // Keep UTC.
    }
    return { timeZone, backupAt };
}

export function stopEditor() {
    if (!editor) return;
    for (const remove of editor.listeners) remove();
    clearTimeout(editor.caretTimer);
    cancelAnimationFrame(editor.mirrorFrame);
    editor = null;
}

function listen(s, target, type, handler) {
    target.addEventListener(type, handler);
    s.listeners.push(() => target.removeEventListener(type, handler));
}

function onInput(s) {
    s.version++;
    writeBackup(s);
    mirrorSoon(s);
    caretSoon(s);
    flush(s);
}

// Sends what changed since the server's copy: the common start and end are left out, so a keystroke
// is a few bytes whatever the chapter's length; a long paste goes in pieces.
async function flush(s) {
    if (s.flushing) return;
    s.flushing = true;
    let failures = 0;
    try {
        while (editor === s && s.textarea.value !== s.sent && failures < 3) {
            const text = s.textarea.value;
            const version = s.version;
            const epoch = s.epoch;
            let start = 0;
            let remove = -1; // -1: replace the whole text
            let insert = text;
            if (s.sent !== null) {
                const old = s.sent;
                const max = Math.min(old.length, text.length);
                while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
                let end = 0;
                while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
                // Never cut a surrogate pair in two.
                if (start > 0 && isHigh(text.charCodeAt(start - 1))) start--;
                if (end > 0 && isLow(text.charCodeAt(text.length - end))) end--;
                remove = old.length - start - end;
                insert = text.slice(start, text.length - end);
            }
            const ok = await sendEdit(s, epoch, version, start, remove, insert, text.length);
            if (editor !== s) return;
            if (epoch !== s.epoch) continue; // the server replaced the text meanwhile (setText set `sent`)
            if (ok) {
                s.sent = text;
            } else {
                s.sent = null; // out of step: send the whole text
                failures++;
            }
        }
    } catch {
        // The circuit is gone or going; the text is in the backup and the beacon still saves it.
    } finally {
        s.flushing = false;
    }
}

async function sendEdit(s, epoch, version, start, remove, insert, length) {
    if (insert.length <= chunkSize) {
        return await s.dotnet.invokeMethodAsync("OnEdit", epoch, version, start, remove, insert, true, length);
    }
    let at = 0;
    let first = true;
    while (at < insert.length) {
        let end = Math.min(insert.length, at + chunkSize);
        if (end < insert.length && isHigh(insert.charCodeAt(end - 1))) end--;
        const last = end >= insert.length;
        const ok = await s.dotnet.invokeMethodAsync("OnEdit", epoch, version, start + at, first ? remove : 0, insert.slice(at, end), last, length);
        if (!ok) return false;
        first = false;
        at = end;
    }
    return true;
}

function isHigh(code) {
    return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code) {
    return code >= 0xdc00 && code <= 0xdfff;
}

/** The server replaced the text (take theirs, the slides view, a restored backup): show it. Returns the new version. */
export function setText(text, epoch) {
    const s = editor;
    if (!s) return 0;
    s.epoch = epoch;
    if (s.textarea.value !== text) s.textarea.value = text;
    s.sent = text;
    s.version++;
    writeBackup(s);
    renderMirror(s);
    return s.version;
}

/** A save reached the server: the revision to save over next, and which typing it included. */
export function markSaved(revision, version) {
    const s = editor;
    if (!s) return;
    s.revision = revision;
    s.savedVersion = version;
    if (s.version === version) removeBackup(s);
}

/** While two versions are on screen the beacon must not save over either of them. */
export function setConflict(on) {
    if (editor) editor.conflict = on;
}

export function setErrors(errors) {
    const s = editor;
    if (!s) return;
    s.errors = Array.isArray(errors) ? errors : [];
    mirrorSoon(s);
}

/** Puts the caret at a line and column (both from 1; columns count characters, not UTF-16 units). */
export function moveCaret(line, column) {
    const s = editor;
    if (!s) return;
    const text = s.textarea.value;
    let offset = 0;
    for (let l = 1; l < line; l++) {
        const next = text.indexOf("\n", offset);
        if (next < 0) {
            offset = text.length;
            break;
        }
        offset = next + 1;
    }
    const lineEnd = text.indexOf("\n", offset) < 0 ? text.length : text.indexOf("\n", offset);
    let at = offset;
    for (let c = 1; c < column && at < lineEnd; c++) {
        at += isHigh(text.charCodeAt(at)) ? 2 : 1;
    }
    s.textarea.focus({ preventScroll: true });
    s.textarea.setSelectionRange(at, at);
    const row = s.mirror.children[line - 1];
    if (row) {
        const top = row.offsetTop - s.textarea.clientHeight / 3;
        s.textarea.scrollTop = Math.max(0, top);
    }
    syncScroll(s);
    reportCaret(s);
}

/** The unsaved text this browser kept: put it back in the editor (it then saves as usual). */
export function restoreBackup() {
    const s = editor;
    if (!s) return false;
    const backup = readBackup(s);
    if (!backup) return false;
    s.textarea.value = backup.text;
    onInput(s);
    return true;
}

export function discardBackup() {
    if (editor) removeBackup(editor);
}

function readBackup(s) {
    try {
        const saved = JSON.parse(localStorage.getItem(s.backupKey) || "null");
        return saved && typeof saved.text === "string" ? saved : null;
    } catch {
        return null;
    }
}

function writeBackup(s) {
    if (s.version === s.savedVersion) return;
    try {
        localStorage.setItem(s.backupKey, JSON.stringify({ text: s.textarea.value, revision: s.revision, at: Date.now() }));
    } catch {
        // A full or refused storage: the server copy and the beacon remain.
    }
}

function removeBackup(s) {
    try {
        localStorage.removeItem(s.backupKey);
    } catch {
        // Nothing to remove.
    }
}

// When the page is hidden (another tab, the phone locks) or closed, what is not saved yet is saved over
// plain HTTP: a keep-alive fetch while the page may come back (its answer updates the revision), a beacon
// when it is going away.
function saveInBackground(s, closing) {
    if (editor !== s || s.conflict || s.version === s.savedVersion || s.beaconVersion === s.version) return;
    const version = s.version;
    s.beaconVersion = version;
    writeBackup(s);
    // URL-encoded, not multipart: a multipart body would turn every line end into CRLF.
    const data = new URLSearchParams();
    data.append("text", s.textarea.value);
    data.append("revision", String(s.revision));
    data.append("__RequestVerificationToken", token());
    if (closing && navigator.sendBeacon) {
        navigator.sendBeacon(s.draftUrl, data);
        return;
    }
    const body = { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } };
    // A keep-alive request may carry at most 64 KB; a longer chapter goes as an ordinary request.
    const small = data.toString().length < 60000;
    fetch(s.draftUrl, small ? { ...body, keepalive: true } : body)
        .then(response => (response.ok ? response.json() : null))
        .then(answer => {
            if (!answer || editor !== s || typeof answer.revision !== "number") return;
            s.revision = answer.revision;
            s.savedVersion = version;
            if (s.version === version) removeBackup(s);
            s.dotnet.invokeMethodAsync("OnSavedInBackground", answer.revision, version).catch(() => { });
        })
        .catch(() => {
            s.beaconVersion = -1;
        });
}

// ---- Line numbers, error marks and the caret's slide ---------------------------------------------

function syncScroll(s) {
    s.mirror.scrollTop = s.textarea.scrollTop;
}

function caretSoon(s) {
    clearTimeout(s.caretTimer);
    s.caretTimer = setTimeout(() => reportCaret(s), 120);
}

function caretLineOf(s) {
    const text = s.textarea.value;
    const end = Math.min(s.textarea.selectionStart || 0, text.length);
    let line = 1;
    for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) line++;
    return line;
}

function reportCaret(s) {
    if (editor !== s) return;
    const line = caretLineOf(s);
    if (line === s.caretLine) return;
    s.caretLine = line;
    mirrorSoon(s);
    s.dotnet.invokeMethodAsync("OnCaret", line).catch(() => { });
}

function mirrorSoon(s) {
    cancelAnimationFrame(s.mirrorFrame);
    s.mirrorFrame = requestAnimationFrame(() => renderMirror(s));
}

// The mirror sits behind the textarea with the same font, width and wrapping: each line a row whose
// number shows in the gutter, so a wrapped line keeps one number. Its text is transparent; only the
// numbers, the current slide's rule and the error marks show through.
function renderMirror(s) {
    if (editor !== s) return;
    const lines = s.textarea.value.split("\n");
    const byLine = new Map();
    for (const error of s.errors) {
        if (!byLine.has(error.line)) byLine.set(error.line, error.column);
    }
    const [first, last] = blockAround(lines, s.caretLine);
    const fragment = document.createDocumentFragment();
    lines.forEach((text, i) => {
        const number = i + 1;
        const row = document.createElement("div");
        row.className = "mline";
        row.dataset.line = String(number);
        if (number >= first && number <= last) row.classList.add("mline--current");
        const column = byLine.get(number);
        if (column !== undefined) {
            row.classList.add("mline--error");
            const chars = Array.from(text);
            const at = Math.max(0, Math.min(column - 1, chars.length));
            const before = chars.slice(0, at).join("");
            const rest = chars.slice(at);
            // Mark from the column to the end of that word (a space where the line has ended).
            let length = rest.findIndex((c, k) => k > 0 && /\s/.test(c));
            if (length < 0) length = rest.length;
            const mark = document.createElement("mark");
            mark.textContent = rest.length === 0 ? " " : rest.slice(0, length).join("");
            row.append(before, mark, rest.slice(length).join(""));
        } else {
            row.textContent = text.length === 0 ? " " : text;
        }
        fragment.append(row);
    });
    s.mirror.replaceChildren(fragment);
    syncScroll(s);
}

// The run of non-blank lines (a slide) around a line; from a blank line, the next slide (as the preview
// shows), else the one before.
function blockAround(lines, line) {
    const blank = i => i < 0 || i >= lines.length || lines[i].trim().length === 0;
    let index = line - 1;
    if (line < 1) return [0, -1];
    if (blank(index)) {
        let next = index;
        while (next < lines.length && blank(next)) next++;
        if (next < lines.length) {
            index = next;
        } else {
            while (index >= 0 && blank(index)) index--;
            if (index < 0) return [0, -1];
        }
    }
    let first = index;
    let last = index;
    while (!blank(first - 1)) first--;
    while (!blank(last + 1)) last++;
    return [first + 1, last + 1];
}

// ---- Uploads -------------------------------------------------------------------------------------

/** Posts the chosen file with these fields; answers the status and what the server said, in one shape. */
export async function upload(input, url, fields) {
    const file = input && input.files && input.files[0];
    if (!file) return { status: 0, chapterId: 0, courseId: 0, revision: 0, title: "", detail: "", errors: [] };
    const data = new FormData();
    data.append("file", file);
    for (const [key, value] of Object.entries(fields || {})) {
        if (value !== null && value !== undefined && value !== "") data.append(key, String(value));
    }
    data.append("__RequestVerificationToken", token());
    let response;
    try {
        response = await fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } });
    } catch {
        return { status: -1, chapterId: 0, courseId: 0, revision: 0, title: "", detail: "", errors: [] };
    }
    let body = {};
    try {
        body = (await response.json()) || {};
    } catch {
        body = {};
    }
    const text = value => (typeof value === "string" ? value.slice(0, 1000) : "");
    let errors = [];
    if (Array.isArray(body.errors)) {
        errors = body.errors.map(e => ({
            line: e.line | 0,
            column: e.column | 0,
            message: text(e.message),
            code: typeof e.code === "string" ? text(e.code) : null,
            arguments: Array.isArray(e.arguments) ? e.arguments.slice(0, 10).map(text) : [],
        }));
    } else if (body.errors && typeof body.errors === "object") {
        errors = Object.values(body.errors).flat().map(message => ({ line: 0, column: 0, message: text(message) }));
    }
    return {
        status: response.status,
        chapterId: body.chapterId | 0,
        courseId: body.courseId | 0,
        revision: body.revision | 0,
        title: text(body.title),
        detail: text(body.detail),
        errors: errors.slice(0, 200),
    };
}

/** Empties a file input (after an import). */
export function clearFile(input) {
    if (input) input.value = "";
}

/** Moves the focus to an element (after the list it sits in was redrawn). */
export function focus(id) {
    const element = document.getElementById(id);
    if (element) element.focus();
}
