// Set up event handlers
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

// A page reloaded because the server no longer knew it says so once, at the place it reopened.
const reopenedKey = "course-reopened-after-lost-connection";
const reopenedNotice = document.getElementById("course-reopened-notice");
if (sessionStorage.getItem(reopenedKey)) {
    sessionStorage.removeItem(reopenedKey);
    reopenedNotice.hidden = false;
}
reopenedNotice.querySelector("button").addEventListener("click", () => reopenedNotice.hidden = true);

function reopen() {
    sessionStorage.setItem(reopenedKey, "1");
    location.reload();
}

// The device says its network is gone: say so at once and keep clicks from going into a connection that is
// probably dead (the framework itself notices only once the server has been silent for 30 s). Back online, the
// notice goes if the connection held; if the framework took over meanwhile, it closes the notice itself.
let shownForOffline = false;
window.addEventListener("offline", () => {
    if (!reconnectModal.open) {
        shownForOffline = true;
        reconnectModal.classList.add("components-reconnect-show");
        reconnectModal.showModal();
    }
});
window.addEventListener("online", () => {
    if (shownForOffline) {
        shownForOffline = false;
        reconnectModal.classList.remove("components-reconnect-show");
        reconnectModal.close();
    } else if (reconnectModal.classList.contains("components-reconnect-failed")) {
        retry(); // the framework gave up while offline: try again now rather than when the tab is shown again
    }
});

function handleReconnectStateChanged(event) {
    shownForOffline = false;
    if (event.detail.state === "show") {
        if (!reconnectModal.open) {
            reconnectModal.showModal();
        }
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    } else if (event.detail.state === "rejected") {
        reopen();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // Reconnect will asynchronously return:
        // - true to mean success
        // - false to mean we reached the server, but it rejected the connection (e.g., unknown circuit ID)
        // - exception to mean we didn't reach the server (this can be sync or async)
        const successful = await Blazor.reconnect();
        if (!successful) {
            // We have been able to reach the server, but the circuit is no longer available.
            // We'll reload the page so the user can continue using the app as quickly as possible.
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                reopen();
            } else {
                reconnectModal.close();
            }
        }
    } catch (err) {
        // We got an exception, server is currently unavailable
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            reopen();
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
