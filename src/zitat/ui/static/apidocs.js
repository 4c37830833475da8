// The "Send" forms of the API page: each builds the request its endpoint documents (path and
// query parameters, a JSON body, the bearer token if one is given), sends it to this server
// and shows the status and the answer as text. No inline scripts, no HTML built from strings.
"use strict";

function request(form, token) {
  let path = form.getAttribute("data-path");
  const query = new URLSearchParams();
  for (const input of form.querySelectorAll("input[data-in]")) {
    const value = input.value.trim();
    if (!value) continue;
    if (input.getAttribute("data-in") === "path") {
      path = path.replace(`{${input.name}}`, encodeURIComponent(value));
    } else {
      query.append(input.name, value);
    }
  }
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = { method: form.getAttribute("data-method"), headers };
  const body = form.querySelector("textarea[name=body]");
  if (body) {
    headers["Content-Type"] = "application/json";
    init.body = body.value;
  }
  const search = query.toString();
  return [search ? `${path}?${search}` : path, init];
}

async function send(form, token) {
  const output = form.querySelector(".try-result");
  output.hidden = false;
  output.textContent = "…";
  const [url, init] = request(form, token);
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let shown = text;
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch (ignored) {
      // not JSON: show it as it came
    }
    output.textContent = `${init.method} ${url}\n${response.status} ${response.statusText}\n\n${shown}`;
    output.setAttribute("data-status", String(response.status));
  } catch (error) {
    output.textContent = `${init.method} ${url}\nfailed: ${error}`;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const token = document.getElementById("docs-token");
  for (const form of document.querySelectorAll("form.try-it")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(form, token ? token.value.trim() : "");
    });
  }
});
