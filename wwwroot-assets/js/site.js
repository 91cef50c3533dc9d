// Small enhancements for static pages. Custom elements upgrade wherever they appear, including after
// Blazor's enhanced navigation swaps the page, so no page needs its own script.

// <course-continue data-key="course/chapter" data-href="/…/slides/{slide}?segment={segment}" data-label="… {slide} …">
// shows a "Continue" link where this browser remembers a position in the chapter.
class CourseContinue extends HTMLElement {
    connectedCallback() {
        let saved = null;
        try {
            saved = JSON.parse(localStorage.getItem("course.progress." + this.dataset.key) || "null");
        } catch {
            saved = null;
        }
        if (!saved || !Number.isInteger(saved.slide) || !Number.isInteger(saved.segment)) return;
        const link = document.createElement("a");
        link.className = this.dataset.class || "";
        link.href = this.dataset.href.replace("{slide}", saved.slide).replace("{segment}", saved.segment);
        link.textContent = this.dataset.label.replace("{slide}", saved.slide);
        this.replaceChildren(link);
        this.hidden = false;
        // Continuing comes first: the play-from-the-start link after it becomes the second choice.
        const start = this.nextElementSibling;
        if (start instanceof HTMLAnchorElement && this.dataset.thenLabel) {
            start.classList.remove("button--primary");
            start.textContent = this.dataset.thenLabel;
        }
    }
}

if (!customElements.get("course-continue")) {
    customElements.define("course-continue", CourseContinue);
}

// The player keeps the address bar on the current slide; switching language returns there, not to
// the address the page was first opened at.
document.addEventListener("submit", event => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.matches(".language-switcher")) {
        const returnUrl = form.querySelector("input[name='returnUrl']");
        if (returnUrl) returnUrl.value = location.pathname + location.search;
    }
});

// <select data-submit-on-change> submits its form when a choice is made (the language switcher).
// A listener here rather than an inline onchange attribute: the Content-Security-Policy forbids those.
document.addEventListener("change", event => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.matches("[data-submit-on-change]") && select.form) {
        select.form.requestSubmit();
    }
});

// <course-time datetime="2026-11-26T14:05:00Z" data-style="date-time|time">26/11/2026 14:05 UTC</course-time>
// shows the moment in this browser's time zone and the page's language. The text goes in a shadow root, so
// the UTC fallback the server wrote (and an interactive page may re-render) is left alone.
class CourseTime extends HTMLElement {
    static observedAttributes = ["datetime", "data-style"];

    connectedCallback() {
        this.render();
    }

    attributeChangedCallback() {
        if (this.isConnected) this.render();
    }

    render() {
        const at = new Date(this.getAttribute("datetime") || "");
        if (Number.isNaN(at.getTime())) return;
        const options = this.dataset.style === "time" ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" };
        let text;
        try {
            text = new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(at);
        } catch {
            return;
        }
        const root = this.shadowRoot || this.attachShadow({ mode: "open" });
        root.textContent = text;
    }
}

if (!customElements.get("course-time")) {
    customElements.define("course-time", CourseTime);
}

// The browser's time zone, for interactive pages that write times into their own messages.
window.courseTimeZone = () => {
    try {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch {
        return "UTC";
    }
};
