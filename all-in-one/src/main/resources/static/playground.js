'use strict';
// The playground talks to the runner's public API only. Streams are read with fetch rather than EventSource,
// because EventSource cannot send the Authorization header access control needs.
(() => {
  const $ = (id) => document.getElementById(id);
  const KEY = 'imagepipeline.apiKey';
  let job = null;
  let jobStream = null;
  let previewTimer = 0;
  let previewSeq = 0;

  const headers = (extra) => {
    const h = Object.assign({}, extra);
    const key = $('api-key').value.trim();
    if (key) h.Authorization = 'Bearer ' + key;
    return h;
  };

  // A problem+json answer's detail, else its title, else the status line.
  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || ('HTTP ' + response.status);
    } catch (e) {
      return 'HTTP ' + response.status + ' ' + response.statusText;
    }
  }

  async function call(method, path, body, contentType) {
    const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': contentType || 'application/json' }) };
    if (body !== undefined) init.body = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
    const response = await fetch(path, init);
    if (!response.ok) throw new Error(await problem(response));
    return response.status === 204 ? null : response.json();
  }

  // Reads an SSE stream and calls onEvent(name, data) for each event until it ends or is aborted.
  async function stream(path, onEvent, controller) {
    const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal: controller.signal });
    if (!response.ok) throw new Error(await problem(response));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) name = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length) onEvent(name, data.join('\n'));
      }
    }
  }

  const option = (select, value, text) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    select.append(o);
  };

  function showError(id, message) {
    const box = $(id);
    box.textContent = message || '';
    box.hidden = !message;
  }

  function setStatus(id, status, text) {
    $(id).dataset.status = status;
    $(id).textContent = text;
  }

  async function loadTemplates() {
    try {
      const t = await call('GET', '/api/prompt/templates');
      t.categories.forEach((c) => option($('category'), c.id, c.id.replace(/_/g, ' ')));
      t.styles.forEach((s) => option($('style'), s.id, s.id.replace(/_/g, ' ')));
      t.marketplaces.forEach((m) => option($('marketplace'), m.id, m.id.replace(/_/g, ' ')));
      const describe = () => {
        const c = t.categories.find((x) => x.id === $('category').value);
        const s = t.styles.find((x) => x.id === $('style').value);
        $('template-hint').textContent = [c && c.description, s && s.description].filter(Boolean).join(' · ');
      };
      ['category', 'style'].forEach((id) => $(id).addEventListener('change', describe));
      describe();
      schedulePreview();
    } catch (e) {
      showError('job-error', 'The templates could not be loaded: ' + e.message);
    }
  }

  function promptBody() {
    const body = { description: $('description').value.trim(), category: $('category').value, style: $('style').value };
    if ($('context').value.trim()) body.additionalContext = $('context').value.trim();
    if ($('marketplace').value) body.marketplace = $('marketplace').value;
    return body;
  }

  function jobBody() {
    const body = promptBody();
    body.settings = { num_images: Number($('images').value) || 1 };
    if (body.marketplace && $('autofix').checked) body.autofix = true;
    return body;
  }

  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 300);
  }

  async function preview() {
    const body = promptBody();
    if (!body.description || !body.category || !body.style) return;
    const seq = ++previewSeq;
    $('preview-state').textContent = 'Updating…';
    try {
      const answer = await call('POST', '/api/prompt/preview', body);
      if (seq !== previewSeq) return;
      const list = $('previews');
      list.replaceChildren();
      for (const p of answer.previews) {
        const div = document.createElement('div');
        div.className = 'preview';
        const h = document.createElement('h3');
        h.textContent = p.model.provider + ' · ' + p.model.model;
        const prompt = document.createElement('pre');
        prompt.className = 'prompt';
        prompt.textContent = p.prompt;
        div.append(h, prompt);
        if (p.negativePrompt) {
          const neg = document.createElement('pre');
          neg.textContent = 'Negative: ' + p.negativePrompt;
          div.append(neg);
        }
        list.append(div);
      }
      $('preview-state').textContent = 'Preview up to date.';
    } catch (e) {
      if (seq === previewSeq) $('preview-state').textContent = 'Preview unavailable: ' + e.message;
    }
  }

  function logEvent(text) {
    const li = document.createElement('li');
    li.textContent = text;
    $('job-events').append(li);
  }

  async function generate(event) {
    event.preventDefault();
    submit(jobBody());
  }

  async function submit(body) {
    showError('job-error', '');
    $('generate').disabled = true;
    $('gallery').replaceChildren();
    $('job-events').replaceChildren();
    $('job-progress').value = 0;
    setStatus('job-status', 'submitting', 'Submitting…');
    try {
      const accepted = await call('POST', '/api/generate', body);
      job = accepted.id;
      $('cancel').disabled = false;
      setStatus('job-status', 'queued', 'Queued as ' + job + '.');
      follow(job);
    } catch (e) {
      setStatus('job-status', 'error', 'Not submitted.');
      showError('job-error', e.message);
      $('generate').disabled = false;
    }
  }

  function follow(id) {
    if (jobStream) jobStream.abort();
    const controller = new AbortController();
    jobStream = controller;
    stream('/api/generate/' + encodeURIComponent(id) + '/events', (name, data) => {
      const e = JSON.parse(data);
      logEvent(name.replace(/_/g, ' '));
      if (name === 'progress' && typeof e.progress === 'number') {
        $('job-progress').value = e.progress;
        setStatus('job-status', 'processing', 'Generating… ' + e.progress + '%');
      } else if (name === 'prompt_prepared') {
        setStatus('job-status', 'processing', 'Prompt prepared; generating…');
      } else if (name === 'accepted') {
        setStatus('job-status', 'queued', 'Accepted; preparing the prompt…');
      }
    }, controller).then(() => finished(id), (e) => {
      if (controller.signal.aborted) return;
      showError('job-error', 'The progress stream broke: ' + e.message);
      finished(id);
    });
  }

  async function finished(id) {
    try {
      const result = await call('GET', '/api/generate/' + encodeURIComponent(id));
      if (result.status === 'completed') {
        $('job-progress').value = 100;
        setStatus('job-status', 'completed', 'Done: ' + result.images.length + ' image(s).');
        if (result.cost) logEvent('cost: ' + result.cost.usd + ' USD (' + result.cost.basis + ')');
        result.images.forEach((image, i) => $('gallery').append(figure(image, i, result.description)));
      } else if (result.status === 'canceled') {
        setStatus('job-status', 'canceled', 'Canceled.');
      } else if (result.status === 'failed') {
        setStatus('job-status', 'failed', 'Failed.');
        showError('job-error', result.error || result.errorCode || 'The job failed.');
      } else {
        setStatus('job-status', result.status, 'Status: ' + result.status);
      }
    } catch (e) {
      showError('job-error', e.message);
    } finally {
      $('generate').disabled = false;
      $('cancel').disabled = true;
    }
  }

  /** One image with what its record says: the marketplace's verdict, what was fixed, and a way to make it again. */
  function figure(image, i, description) {
    const fig = document.createElement('figure');
    const img = document.createElement('img');
    img.src = image.url;
    img.width = image.width;
    img.height = image.height;
    img.alt = 'Generated image ' + (i + 1) + ' of ' + description;
    const caption = document.createElement('figcaption');
    const record = image.record;
    const compliance = record && record.compliance;
    if (compliance) {
      const verdict = document.createElement('p');
      const check = compliance.fixed || compliance.original;
      verdict.className = 'verdict';
      verdict.textContent = (compliance.passed ? 'Passes ' : 'Fails ') + check.marketplace.replace(/_/g, ' ')
          + (compliance.fixes.length ? ' after fixing' : '') + '.';
      caption.append(verdict);
      const notes = document.createElement('ul');
      compliance.fixes.forEach((fix) => item(notes, 'Fixed: ' + fix.reason));
      check.rules.filter((rule) => !rule.passed).forEach((rule) => item(notes, rule.reason));
      if (notes.children.length) caption.append(notes);
    }
    if (image.originalUrl) {
      const original = document.createElement('a');
      original.href = image.originalUrl;
      original.textContent = 'original';
      caption.append(original, ' ');
    }
    if (record) {
      const again = document.createElement('button');
      again.type = 'button';
      again.className = 'again';
      again.textContent = 'Make again';
      again.setAttribute('aria-label', 'Make image ' + (i + 1) + ' again from its record');
      again.addEventListener('click', () => submit({ reproduce: record }));
      caption.append(again);
    }
    fig.append(img, caption);
    return fig;
  }

  function item(list, text) {
    const li = document.createElement('li');
    li.textContent = text;
    list.append(li);
  }

  async function cancel() {
    if (!job) return;
    $('cancel').disabled = true;
    try {
      await call('POST', '/api/generate/' + encodeURIComponent(job) + '/cancel');
    } catch (e) {
      showError('job-error', e.message);
    }
  }

  async function upload(event) {
    event.preventDefault();
    showError('catalog-error', '');
    const file = $('catalog-file').files[0];
    if (!file) {
      showError('catalog-error', 'Choose a catalog file first.');
      return;
    }
    const type = /\.csv$/i.test(file.name) ? 'text/csv' : /\.ndjson$/i.test(file.name) ? 'application/x-ndjson' : 'application/json';
    $('upload').disabled = true;
    setStatus('catalog-status', 'submitting', 'Uploading…');
    try {
      const accepted = await call('POST', '/api/catalogs', file, type);
      setStatus('catalog-status', 'queued', accepted.created + ' item(s) queued'
        + (accepted.rejectedCount ? ', ' + accepted.rejectedCount + ' line(s) rejected.' : '.'));
      const controller = new AbortController();
      await stream('/api/catalogs/' + encodeURIComponent(accepted.id) + '/events', (name, data) => {
        if (name !== 'progress') return;
        const c = JSON.parse(data);
        $('catalog-progress').value = c.progress;
        const text = c.finished + ' of ' + c.items + ' finished (' + c.counts.completed + ' completed, '
          + c.counts.failed + ' failed, ' + c.counts.canceled + ' canceled) · ' + c.status;
        setStatus('catalog-status', c.status, text);
        if (c.status === 'completed' || c.status === 'failed' || c.status === 'canceled') controller.abort();
      }, controller).catch((e) => { if (!controller.signal.aborted) throw e; });
    } catch (e) {
      setStatus('catalog-status', 'error', 'Catalog not followed.');
      showError('catalog-error', e.message);
    } finally {
      $('upload').disabled = false;
    }
  }

  $('api-key').value = sessionStorage.getItem(KEY) || '';
  $('api-key').addEventListener('change', () => sessionStorage.setItem(KEY, $('api-key').value.trim()));
  ['description', 'context', 'category', 'style', 'marketplace'].forEach((id) => {
    $(id).addEventListener('input', schedulePreview);
    $(id).addEventListener('change', schedulePreview);
  });
  $('marketplace').addEventListener('change', () => {
    $('autofix').disabled = !$('marketplace').value;
    if (!$('marketplace').value) $('autofix').checked = false;
  });
  $('job-form').addEventListener('submit', generate);
  $('cancel').addEventListener('click', cancel);
  $('catalog-form').addEventListener('submit', upload);
  loadTemplates();
})();
