// Warns a signed-in staff member before their session ends, on every admin page.
//
// The server renders, on #session-expiry, the seconds left until the idle timeout and until the
// session's lifetime ends (newsroom.security.session_remaining) and the messages, translated.
// This script counts down from them. It never keeps the session alive: the only request it sends
// asks the server how long is left (security:session_status), which the server does not count as
// activity, once as a warning is due and once as the end is, so the idle timeout stays real.
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
    let idleEnd = loadedAt + Number(data.idleSeconds) * 1000;
    let lifetimeEnd = loadedAt + Number(data.lifetimeSeconds) * 1000;
    let shown = null;
    let askedStage = null;
    let asking = false;
    let timer = null;

    // "idle" or "lifetime" (a warning is due), "ended", or null (nothing to say yet).
    function stageAt(now) {
        const end = Math.min(idleEnd, lifetimeEnd);
        if (now >= end) {
            return "ended";
        }
        if (now >= end - warningMs) {
            return lifetimeEnd <= idleEnd ? "lifetime" : "idle";
        }
        return null;
    }

    // Before warning or saying it has ended, ask the server once: a page opened in another tab,
    // or a request this page made itself (an autocomplete), may have moved the idle end. The
    // server does not count this question as activity.
    function askServer() {
        asking = true;
        window
            .fetch(data.statusUrl, {
                credentials: "same-origin",
                cache: "no-store",
                redirect: "error",
                headers: { Accept: "application/json" },
            })
            .then(function (response) {
                return response.ok ? response.json() : Promise.reject(response.status);
            })
            .then(function (left) {
                const now = Date.now();
                idleEnd = now + Number(left.idle) * 1000;
                lifetimeEnd = now + Number(left.lifetime) * 1000;
            })
            .catch(function () {
                // No answer, or a redirect (to sign in, or to the second factor): this page's
                // own count stands.
            })
            .then(function () {
                asking = false;
                askedStage = stageAt(Date.now());
                check();
            });
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
        if (ended() || asking) {
            return;
        }
        const now = Date.now();
        const stage = stageAt(now);
        if (stage !== null && stage !== askedStage) {
            askServer();
            return;
        }
        if (stage === "ended") {
            show("ended", changeForm() ? data.endedForm : data.ended, "error");
            return;
        }
        if (stage === "lifetime") {
            show(stage, data.lifetimeWarning, "warning");
        } else if (stage === "idle") {
            show(stage, data.idleWarning, "warning");
        } else {
            show(null, "", "");
        }
        const end = Math.min(idleEnd, lifetimeEnd);
        const next = stage === null ? end - warningMs : end;
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
    document.addEventListener("visibilitychange", check);
    check();
})();
