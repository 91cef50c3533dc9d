// The chapter player's browser side: keyboard shortcuts, speech synthesis, remembered settings and
// the address bar. The server decides what is shown and when; this module only does what needs a browser.

const settingsKey = "course.player";
const progressPrefix = "course.progress.";

let dotnet = null;
let keyHandler = null;
let reconnectHandler = null;
let speaking = null; // { step, keepAlive }

export function start(dotnetRef) {
    dispose();
    dotnet = dotnetRef;
    keyHandler = event => onKey(event);
    document.addEventListener("keydown", keyHandler);
    // When the connection drops, the server pauses the player; stop talking over a frozen slide.
    reconnectHandler = event => {
        if (event.detail && event.detail.state !== "hide") {
            cancelSpeech();
        }
    };
    reconnectModal()?.addEventListener("components-reconnect-state-changed", reconnectHandler);
    return loadSettings();
}

export function dispose() {
    if (keyHandler) document.removeEventListener("keydown", keyHandler);
    if (reconnectHandler) reconnectModal()?.removeEventListener("components-reconnect-state-changed", reconnectHandler);
    keyHandler = reconnectHandler = null;
    cancelSpeech();
    dotnet = null;
}

const keys = {
    " ": "toggle",
    "k": "toggle",
    "ArrowRight": "next-step",
    "ArrowLeft": "previous-step",
    "PageDown": "next-slide",
    "PageUp": "previous-slide",
    "n": "narration",
    "N": "narration",
    "r": "restart",
    "a": "show-all",
    "?": "help",
    "Escape": "escape",
};

// Blazor raises its reconnection events on the reconnect dialog (Components/Layout/ReconnectModal.razor).
function reconnectModal() {
    return document.getElementById("components-reconnect-modal");
}

function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof Element && target.closest("input, select, textarea, [contenteditable='true']")) return;
    const action = keys[event.key];
    if (!action || !dotnet) return;
    event.preventDefault();
    dotnet.invokeMethodAsync("OnKey", action);
}

function loadSettings() {
    try {
        const saved = JSON.parse(localStorage.getItem(settingsKey) || "{}");
        return { narration: saved.narration === true, speed: typeof saved.speed === "number" ? saved.speed : 1 };
    } catch {
        return { narration: false, speed: 1 };
    }
}

export function saveSettings(narration, speed) {
    try {
        localStorage.setItem(settingsKey, JSON.stringify({ narration, speed }));
    } catch {
        // Private windows may refuse storage; the settings then last for this page only.
    }
}

export function showPosition(url, progressKey, slide, segment) {
    if (location.pathname + location.search !== url) {
        history.replaceState(history.state, "", url);
    }
    try {
        localStorage.setItem(progressPrefix + progressKey, JSON.stringify({ slide, segment, at: Date.now() }));
    } catch {
        // See saveSettings.
    }
}

// ---- Speech --------------------------------------------------------------------------------------

function voices() {
    return new Promise(resolve => {
        const now = speechSynthesis.getVoices();
        if (now.length > 0) {
            resolve(now);
            return;
        }
        // Chrome fills the list asynchronously; give it a moment, then take what there is.
        const timeout = setTimeout(() => resolve(speechSynthesis.getVoices()), 2000);
        speechSynthesis.addEventListener("voiceschanged", () => {
            clearTimeout(timeout);
            resolve(speechSynthesis.getVoices());
        }, { once: true });
    });
}

function normalise(tag) {
    return (tag || "").replace("_", "-").toLowerCase();
}

export function pickVoice(list, lang) {
    const wanted = normalise(lang);
    const base = wanted.split("-")[0];
    const matches = list.filter(v => normalise(v.lang) === wanted || normalise(v.lang).split("-")[0] === base);
    return matches.find(v => normalise(v.lang) === wanted && v.localService)
        || matches.find(v => normalise(v.lang) === wanted)
        || matches.find(v => v.localService)
        || matches[0]
        || null;
}

// Chrome cuts off utterances that run past ~15 s, so long text is spoken in sentence-sized pieces.
export function chunks(text, limit = 180) {
    const sentences = text.match(/[^.!?…;:]+[.!?…;:]*\s*/g) || [text];
    const pieces = [];
    let current = "";
    for (const sentence of sentences) {
        if ((current + sentence).length > limit && current) {
            pieces.push(current.trim());
            current = "";
        }
        if (sentence.length > limit) {
            for (const word of sentence.split(/\s+/)) {
                if ((current + " " + word).length > limit && current) {
                    pieces.push(current.trim());
                    current = "";
                }
                current += (current ? " " : "") + word;
            }
        } else {
            current += sentence;
        }
    }
    if (current.trim()) pieces.push(current.trim());
    return pieces;
}

function finish(step, outcome) {
    if (!speaking || speaking.step !== step) return;
    clearInterval(speaking.keepAlive);
    speaking = null;
    if (dotnet) dotnet.invokeMethodAsync("OnSpeechEnded", step, outcome);
}

export async function speak(step, text, lang, rate) {
    cancelSpeech();
    speaking = { step, keepAlive: 0 };
    if (!("speechSynthesis" in window)) {
        finish(step, "unsupported");
        return;
    }
    const voice = pickVoice(await voices(), lang);
    if (!speaking || speaking.step !== step) return;
    if (!voice) {
        finish(step, "no-voice");
        return;
    }
    const pieces = chunks(text);
    if (pieces.length === 0) {
        finish(step, "done");
        return;
    }
    // The other half of Chrome's long-utterance guard: nudge the engine while it talks.
    speaking.keepAlive = setInterval(() => {
        if (speechSynthesis.speaking) {
            speechSynthesis.pause();
            speechSynthesis.resume();
        }
    }, 10000);
    let index = 0;
    const next = () => {
        if (!speaking || speaking.step !== step) return;
        if (index >= pieces.length) {
            finish(step, "done");
            return;
        }
        const utterance = new SpeechSynthesisUtterance(pieces[index++]);
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = rate;
        utterance.onend = next;
        utterance.onerror = event => {
            if (event.error === "interrupted" || event.error === "canceled") return;
            finish(step, event.error === "not-allowed" ? "not-allowed" : "error");
        };
        speechSynthesis.speak(utterance);
    };
    next();
}

export function cancelSpeech() {
    if (speaking) {
        clearInterval(speaking.keepAlive);
        speaking = null;
    }
    if ("speechSynthesis" in window) speechSynthesis.cancel();
}
