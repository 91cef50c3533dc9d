// The chapter player's browser side: keyboard shortcuts, recorded clips and speech synthesis, remembered
// settings and the address bar. The server decides what is shown and when; this module only does what needs a
// browser, and reports when a clip or an utterance really ended (the server holds a clip's report to its length).

const settingsKey = "course.player";
const progressPrefix = "course.progress.";

let dotnet = null;
let keyHandler = null;
let reconnectHandler = null;
let speaking = null; // { step, keepAlive }
let clip = null; // { step, url, ended }: the recorded clip the voice element plays

export function start(dotnetRef) {
    dispose();
    dotnet = dotnetRef;
    keyHandler = event => onKey(event);
    document.addEventListener("keydown", keyHandler);
    // When the connection drops, the server pauses the player; stop talking over a frozen slide.
    reconnectHandler = event => {
        if (event.detail && event.detail.state !== "hide") {
            cancelSpeech();
            voice()?.pause();
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
    stopClip();
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
    "c": "captions",
    "C": "captions",
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

// Narration is null until the learner chooses: the server then turns it on for a chapter with recorded narration.
function loadSettings() {
    try {
        const saved = JSON.parse(localStorage.getItem(settingsKey) || "{}");
        return {
            narration: typeof saved.narration === "boolean" ? saved.narration : null,
            speed: typeof saved.speed === "number" ? saved.speed : 1,
            captions: saved.captions === true,
        };
    } catch {
        return { narration: null, speed: 1, captions: false };
    }
}

export function saveSettings(narration, speed, captions) {
    try {
        localStorage.setItem(settingsKey, JSON.stringify({ narration, speed, captions }));
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
    stopClip();
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

// ---- Recorded clips ------------------------------------------------------------------------------

// The <audio data-player-voice> element the player renders when the chapter has recordings.
function voice() {
    const element = document.querySelector("audio[data-player-voice]");
    if (element && !element.dataset.wired) {
        element.dataset.wired = "true";
        element.addEventListener("ended", () => {
            if (!clip || clip.ended) return;
            clip.ended = true;
            report(clip.step, "done");
        });
        element.addEventListener("error", () => {
            if (clip && element.getAttribute("src")) report(clip.step, "error");
        });
    }
    return element;
}

function report(step, outcome) {
    if (dotnet) dotnet.invokeMethodAsync("OnClipEnded", step, outcome);
}

// Plays the clip of a step at a rate (pitch kept); the same step again resumes it where it was paused.
export async function playClip(step, url, rate) {
    cancelSpeech();
    const audio = voice();
    if (!audio) {
        report(step, "error");
        return;
    }
    if (!clip || clip.step !== step || clip.url !== url) {
        stopClip();
        clip = { step, url, ended: false };
        audio.src = url;
    } else if (clip.ended) {
        report(step, "done"); // it ended while the player was paused: say so again now that it plays
        return;
    }
    audio.preservesPitch = true;
    audio.playbackRate = rate;
    try {
        await audio.play();
    } catch (error) {
        // AbortError: the learner moved on (a new source or a pause) before it started; nothing to report.
        if (error.name === "AbortError" || !clip || clip.step !== step) return;
        report(step, error.name === "NotAllowedError" ? "not-allowed" : "error");
    }
}

export function setRate(rate) {
    const audio = voice();
    if (audio) {
        audio.preservesPitch = true;
        audio.playbackRate = rate;
    }
}

// Paused in the middle of a line: the clip keeps its place, the speech engine is stopped (it cannot resume well).
export function pauseNarration() {
    cancelSpeech();
    voice()?.pause();
}

export function stopNarration() {
    cancelSpeech();
    stopClip();
}

function stopClip() {
    clip = null;
    const audio = voice();
    if (audio && audio.getAttribute("src")) {
        audio.pause();
        audio.removeAttribute("src");
        audio.load();
    }
}
