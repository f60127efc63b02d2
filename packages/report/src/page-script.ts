/**
 * The page's own script (plain browser JavaScript, run after uPlot). It renders the embedded
 * report data (file report) or fetches it from the server (served report). Kept as text: it is
 * inlined into the page, never run by Node. No template literals inside, so it nests in this one.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var served = data.mode === 'serve';
  var $ = function (sel) { return document.querySelector(sel); };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'class') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function fmt(v, digits) {
    if (typeof v !== 'number') return v == null ? '—' : String(v);
    if (!isFinite(v)) return String(v);
    return Number.isInteger(v) ? String(v) : v.toFixed(digits == null ? 3 : digits);
  }
  function bytes(n) {
    var u = ['B', 'KB', 'MB', 'GB', 'TB']; var i = 0;
    while (n >= 1000 && i < u.length - 1) { n /= 1000; i++; }
    return n.toFixed(i ? 1 : 0) + ' ' + u[i];
  }
  function table(rows, cls) {
    return el('table', { class: cls || 'kv' }, rows.map(function (r) {
      return el('tr', null, [el('th', { text: r[0] }), el('td', { text: r[1] })]);
    }));
  }
  function getJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) return r.text().then(function (t) { throw new Error(url + ': ' + r.status + ' ' + t); });
      return r.json();
    });
  }

  function renderSummary(s) {
    var p = s.plugin || {};
    var rows = [
      ['rows', s.rows + (s.plannedRows !== s.rows ? ' of ' + s.plannedRows + ' planned' : '')],
      ['chunks', s.chunks + (s.plannedChunks !== s.chunks ? ' of ' + s.plannedChunks + ' planned' : '') + ' × ' + s.samplesPerFile + ' rows'],
      ['on disk', bytes(s.diskBytes)],
      ['plugin', [p.name, p.version].filter(Boolean).join(' ') + (p.vendor ? ' (' + p.vendor + ')' : '')],
      ['format', p.format || '—'],
      ['uid', p.uid || '—'],
      ['preset sha256', p.preset_sha256 || 'none'],
      ['spec', s.spec ? s.spec.name + ': ' + s.spec.synthParams + ' synth + ' + s.spec.noteParams + ' note parameters, encoded width ' + s.spec.width : 'none stored'],
      ['audio', s.audio.channels + ' ch, ' + s.audio.signal_duration_seconds + ' s at ' + s.audio.sample_rate + ' Hz (note ' + s.audio.note_duration_seconds + ' s)'],
      ['mel', s.audio.n_mels + ' mels × ' + s.audio.frames + ' frames'],
      ['loudness gate', s.audio.min_loudness + ' LUFS'],
      ['seed', String(s.seed)],
      ['compression', s.compression],
      ['vstds', s.vstdsVersion],
    ];
    if (s.shownSplit) rows.unshift(['split shown', s.shownSplit]);
    $('#summary').appendChild(table(rows));
    var run = s.run;
    if (run) {
      var rej = run.rejections || {};
      var rejText = Object.keys(rej).length ? Object.keys(rej).map(function (k) { return k + ': ' + rej[k]; }).join(', ') : 'none';
      var runRows = [
        ['status', run.status || '—'],
        ['rows/s', fmt(run.rows_per_second, 2)],
        ['wall time', fmt(run.wall_seconds, 1) + ' s'],
        ['attempts', fmt(run.attempts)],
        ['rejections (re-drawn)', rejText],
        ['crashes', fmt(run.crashes)],
        ['timeouts', fmt(run.timeouts)],
        ['workers', fmt(run.num_workers)],
      ];
      $('#run').appendChild(table(runRows));
      var st = run.stage_ms || {};
      var names = Object.keys(st);
      if (names.length) {
        var total = names.reduce(function (a, k) { return a + st[k]; }, 0);
        $('#run').appendChild(table(names.map(function (k) { return [k, fmt(st[k] / 1000, 2) + ' s (' + (100 * st[k] / total).toFixed(0) + '%)']; }), 'kv stages'));
      }
    } else {
      $('#run').appendChild(el('p', { text: 'no run_summary.json' }));
    }
    if (s.splits && s.splits.length) {
      $('#splits').appendChild(table(s.splits.map(function (x) { return [x.name, x.rows + (x.planned !== x.rows ? ' of ' + x.planned : '') + ' rows']; }), 'kv splits'));
    } else $('#splits-section').hidden = true;
    if (s.config) $('#config').textContent = JSON.stringify(s.config, null, 2);
  }

  function renderProblems(pr) {
    var box = $('#problems');
    box.textContent = '';
    var items = [];
    pr.missing.forEach(function (m) { items.push(el('li', { class: 'missing', text: m })); });
    pr.damaged.forEach(function (d) { items.push(el('li', { class: 'damaged', text: 'damaged, skipped: ' + d.file + ': ' + d.problems.join('; ') })); });
    box.hidden = items.length === 0;
    if (items.length) box.appendChild(el('ul', null, items));
  }

  function histogram(h, cls) {
    var box = el('div', { class: 'histogram ' + cls, 'data-name': h.name, 'data-kind': h.kind });
    var title = el('h3', { text: h.name + '  (n=' + h.n + ')' });
    box.appendChild(title);
    var centers = []; var i;
    for (i = 0; i + 1 < h.edges.length; i++) centers.push((h.edges[i] + h.edges[i + 1]) / 2);
    var xs = h.labels ? centers.map(function (_, k) { return k; }) : centers;
    var cols = [xs]; var series = [{}];
    var colours = ['#4c72b0', '#55a868'];
    h.series.forEach(function (s, k) {
      cols.push(s.counts);
      series.push({ label: s.label, fill: colours[k % 2] + 'aa', stroke: colours[k % 2], paths: uPlot.paths.bars({ size: [h.series.length > 1 ? 0.45 : 0.9, Infinity], align: h.series.length > 1 ? (k ? 1 : -1) : 0 }), points: { show: false } });
    });
    h.series.forEach(function (s, k) {
      if (!s.expected) return;
      cols.push(s.expected);
      series.push({ label: 'spec' + (h.series.length > 1 ? ' ' + s.label : ''), stroke: k ? '#c44e52' : '#dd8452', width: 2, points: { show: true, size: 4 } });
    });
    var lo = h.edges[0], hi = h.edges[h.edges.length - 1];
    var opts = {
      width: 320, height: 170, legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: h.labels ? [-0.5, h.labels.length - 0.5] : [lo, hi] }, y: { range: function (u, a, b) { return [0, Math.max(1, b) * 1.1]; } } },
      axes: [
        h.labels ? { values: function (u, ticks) { return ticks.map(function (t) { return Number.isInteger(t) && h.labels[t] != null ? h.labels[t] : ''; }); }, splits: function () { return h.labels.map(function (_, k) { return k; }); } } : {},
        { size: 40 },
      ],
      series: series,
      hooks: {
        draw: [function (u) {
          if (!h.marker) return;
          var x = u.valToPos(h.marker.value, 'x', true);
          var ctx = u.ctx;
          ctx.save(); ctx.strokeStyle = '#c44e52'; ctx.lineWidth = 2; ctx.setLineDash([5, 3]);
          ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
          ctx.fillStyle = '#c44e52'; ctx.font = '12px sans-serif'; ctx.fillText(h.marker.label, x + 4, u.bbox.top + 14);
          ctx.restore();
        }],
      },
    };
    var plot = el('div', { class: 'plot' });
    box.appendChild(plot);
    new uPlot(opts, cols, plot);
    if (h.note) box.appendChild(el('p', { class: 'note', text: h.note }));
    return box;
  }

  function renderStatistics(st) {
    var p = $('#param-histograms'); p.textContent = '';
    var sg = $('#signal-histograms'); sg.textContent = '';
    $('#stats-note').textContent = (st.sampled ? 'a seeded sample (whole chunks) of ' : 'all ') + st.paramRows + ' rows for parameters; ' + st.signalRows + ' rows for loudness, pitch and velocity. Bars: rows; dots: what the spec asks for.';
    st.parameters.forEach(function (h) { p.appendChild(histogram(h, 'param-hist')); });
    st.signal.forEach(function (h) { sg.appendChild(histogram(h, 'signal-hist')); });
  }

  function b64ToBytes(b64) {
    var bin = atob(b64); var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function inflateWav(b64) {
    var stream = new Blob([b64ToBytes(b64)]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).blob().then(function (b) { return URL.createObjectURL(new Blob([b], { type: 'audio/wav' })); });
  }

  function paramsTable(params) {
    return table(Object.keys(params).map(function (k) {
      var v = params[k];
      return [k, Array.isArray(v) ? v.map(function (x) { return fmt(x, 4); }).join(' – ') : fmt(v, 4)];
    }), 'kv params');
  }

  function card(r) {
    var clip = r.peak >= 0.999;
    var head = el('header', null, [
      el('strong', { text: 'row ' + r.id }),
      ' · chunk ' + r.chunk + ' · note ' + r.midi_note + ' · vel ' + r.velocity + ' · peak ' + r.peak.toFixed(3),
      clip ? el('span', { class: 'flag clip', text: 'clipping' }) : null,
      r.peak < 1e-4 ? el('span', { class: 'flag silent', text: 'silent' }) : null,
    ]);
    var mels = el('div', { class: 'mels' });
    r.mel.forEach(function (src, c) {
      mels.appendChild(el('figure', null, [el('img', { class: 'mel', src: src, alt: 'mel spectrogram of row ' + r.id + ' channel ' + c }), el('figcaption', { text: data.summary.audio.channels === 2 ? (c ? 'R' : 'L') : 'ch ' + c })]));
    });
    mels.appendChild(el('div', { class: 'scale' }, [el('div', { class: 'bar', style: 'background:' + data.colourGradient }), el('div', { class: 'ticks' }, [el('span', { text: fmt(r.melMaxDb, 0) + ' dB' }), el('span', { text: fmt(r.melMaxDb - data.melRangeDb, 0) + ' dB' })])]));
    var audio = el('audio', { class: 'row-audio', controls: '', preload: 'auto', 'data-id': String(r.id) });
    var details = el('details', { class: 'params' }, [el('summary', { text: 'decoded parameters' })]);
    details.addEventListener('toggle', function () {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = '1';
      if (r.params) details.appendChild(paramsTable(r.params));
      else getJson('api/rows/' + r.id + '/params').then(function (p) { details.appendChild(paramsTable(p)); }, function (e) { details.appendChild(el('p', { class: 'error', text: String(e) })); });
    });
    var c = el('div', { class: 'row-card', 'data-id': String(r.id) }, [head, mels, audio, details]);
    // served: audio (the biggest responses) loads once the grid's images are in, so they come first
    var ready = r.audio.url ? imagesIn.then(function () { return r.audio.url; }) : inflateWav(r.audio.wavGzipBase64);
    var placed = ready.then(function (src) { audio.src = src; });
    return r.audio.url ? Promise.resolve(c) : placed.then(function () { return c; });
  }

  var imagesInDone;
  var imagesIn = new Promise(function (resolve) { imagesInDone = resolve; });

  function renderRows(rows, target) {
    var cards = rows.map(card);
    return Promise.all(cards).then(function (cs) {
      cs.forEach(function (c) { target.appendChild(c); });
      var imgs = Array.prototype.slice.call(target.querySelectorAll('img.mel'));
      return Promise.all(imgs.map(function (i) { return i.decode().catch(function () {}); }));
    }).then(function () { imagesInDone(); });
  }

  function setupLookup() {
    var form = $('#lookup');
    if (!served) { form.hidden = true; return; }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var id = $('#lookup-id').value.trim();
      var msg = $('#lookup-msg'); msg.textContent = '';
      getJson('api/rows/' + encodeURIComponent(id)).then(function (r) {
        return card(r).then(function (c) { var t = $('#looked-up'); t.insertBefore(c, t.firstChild); });
      }).catch(function (e) { msg.textContent = String(e.message || e); });
    });
  }

  renderSummary(data.summary);
  renderProblems(data.problems);
  setupLookup();
  var rowsP = served ? getJson('api/rows?n=' + data.rowCount + '&seed=' + data.seed) : Promise.resolve(data.rows);
  var shown = rowsP.then(function (rows) { $('#rows-note').textContent = rows.length + ' rows chosen with seed ' + data.seed; return renderRows(rows, $('#rows')); })
    .then(function () { document.body.dataset.rows = 'yes'; });
  // served: statistics read thousands of rows; ask only once the grid is up so it opens at once
  var statsP = served ? shown.then(function () { return getJson('api/statistics'); }) : Promise.resolve(data.statistics);
  var done = Promise.all([
    shown,
    statsP.then(function (st) { if (st) renderStatistics(st); document.body.dataset.statistics = 'yes'; }),
  ]).then(function () {
    if (served) return getJson('api/problems').then(renderProblems);
  });
  done.then(function () { document.body.dataset.ready = 'yes'; }, function (e) {
    document.body.dataset.ready = 'error';
    $('#problems').hidden = false;
    $('#problems').appendChild(el('p', { class: 'error', text: String(e && e.message || e) }));
  });
})();
`;
