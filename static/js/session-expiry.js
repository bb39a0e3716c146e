// Warns a signed-in staff member before their session ends, on every admin page.
//
// The server renders, on #session-expiry, the seconds left until the idle timeout and until the
// session's lifetime ends (newsroom.security.session_remaining) and the messages, translated.
// This script only counts down from them: it sends no request, so the idle timeout stays real.
// When time is up it says so and keeps the page as it is: a change form is not submitted any
// more (the server would send it to the sign-in page and the text would be lost), so the member
// can copy their text before signing in again.
(function () {
    "use strict";

    const region = document.getElementById("session-expiry");
    if (!region) {
        return;
    }
    const data = region.dataset;
    const loadedAt = Date.now();
    const warningMs = Number(data.warningSeconds) * 1000;
    const lifetimeEnd = loadedAt + Number(data.lifetimeSeconds) * 1000;
    // A page opened later in another tab is activity too: the latest idle end is shared.
    const IDLE_END_KEY = "newsroom-session-idle-end";
    let idleEnd = loadedAt + Number(data.idleSeconds) * 1000;
    let shown = null;
    let timer = null;

    function sharedIdleEnd() {
        try {
            const stored = Number(window.localStorage.getItem(IDLE_END_KEY)) || 0;
            if (stored < idleEnd) {
                window.localStorage.setItem(IDLE_END_KEY, String(idleEnd));
            }
            return Math.max(stored, idleEnd);
        } catch (error) {
            return idleEnd; // storage refused (private mode): this page's own count
        }
    }

    function changeForm() {
        return document.body.classList.contains("change-form")
            ? document.querySelector("#content-main form[method=post]")
            : null;
    }

    function render(text, level) {
        region.replaceChildren();
        if (!text) {
            return;
        }
        const list = document.createElement("ul");
        list.className = "messagelist";
        const item = document.createElement("li");
        item.className = level;
        item.textContent = text;
        list.append(item);
        region.append(list);
    }

    function show(state, text, level) {
        if (shown !== state) {
            shown = state;
            render(text, level);
        }
    }

    function ended() {
        return shown === "ended";
    }

    function check() {
        window.clearTimeout(timer);
        if (ended()) {
            return;
        }
        idleEnd = sharedIdleEnd();
        const now = Date.now();
        const end = Math.min(idleEnd, lifetimeEnd);
        if (now >= end) {
            show("ended", changeForm() ? data.endedForm : data.ended, "error");
            return;
        }
        if (now >= end - warningMs) {
            if (lifetimeEnd <= idleEnd) {
                show("lifetime", data.lifetimeWarning, "warning");
            } else {
                show("idle", data.idleWarning, "warning");
            }
        } else {
            show(null, "", "");
        }
        const next = now < end - warningMs ? end - warningMs : end;
        // At most a minute apart: a computer waking from sleep is caught up soon.
        timer = window.setTimeout(check, Math.min(Math.max(next - now, 100), 60000));
    }

    // Once the session has ended, saving would lose the text: keep the page, say why.
    document.addEventListener(
        "submit",
        function (event) {
            if (ended() && event.target === changeForm()) {
                event.preventDefault();
                render(region.textContent, "error"); // said again to screen readers
                region.focus();
            }
        },
        true
    );
    window.addEventListener("storage", function (event) {
        if (event.key === IDLE_END_KEY) {
            check();
        }
    });
    document.addEventListener("visibilitychange", check);
    check();
})();
