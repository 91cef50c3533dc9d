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
