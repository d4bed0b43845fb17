// Draws how public bodies answer the centre's letters from the API's figures (GET /api/letters/statistics).
// Loaded as a file, never inline, so the page keeps a strict Content-Security-Policy; text goes in as
// textContent only.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  var root = document.getElementById('letter-statistics');
  if (!root) {
    return;
  }
  var lang = document.documentElement.lang || 'ru';
  var percent = new Intl.NumberFormat(lang, {style: 'percent', maximumFractionDigits: 0});
  var decimal = new Intl.NumberFormat(lang, {maximumFractionDigits: 1});

  fetch(root.getAttribute('data-source'), {credentials: 'same-origin', headers: {Accept: 'application/json', 'Accept-Language': lang}})
    .then(function (response) { return response.json(); })
    .then(function (bodies) {
      bodies = (bodies || []).slice().sort(function (a, b) {
        return (b.onTimeRate == null ? -1 : b.onTimeRate) - (a.onTimeRate == null ? -1 : a.onTimeRate)
          || b.letters - a.letters;
      });
      var body = document.querySelector('#statistics-table tbody');
      bodies.forEach(function (row) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-body', row.bodyId);
        [row.bodyName, row.letters, row.answered, row.answeredOnTime,
          row.onTimeRate == null ? '—' : percent.format(row.onTimeRate),
          row.averageAnswerDays == null ? '—' : decimal.format(row.averageAnswerDays),
          row.overdue, row.forwardedAway].forEach(function (value) {
          var td = document.createElement('td');
          td.textContent = value == null ? '' : String(value);
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      document.getElementById('statistics-empty').hidden = bodies.length > 0;
      var answered = bodies.filter(function (row) { return row.onTimeRate != null; });
      var chart = document.getElementById('chart-on-time');
      if (typeof echarts !== 'undefined' && answered.length > 0) {
        chart.style.height = Math.max(12, answered.length * 2.5) + 'rem';
        echarts.init(chart).setOption({
          animation: false,
          grid: {containLabel: true, left: 8, right: 48, top: 8, bottom: 8},
          xAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: function (v) { return percent.format(v); }}},
          yAxis: {type: 'category', inverse: true, data: answered.map(function (row) { return row.bodyName; }),
            axisLabel: {width: 220, overflow: 'truncate'}},
          series: [{type: 'bar', name: root.getAttribute('data-percent'),
            data: answered.map(function (row) { return row.onTimeRate; }),
            label: {show: true, position: 'right', formatter: function (p) { return percent.format(p.value); }}}]
        });
      } else {
        chart.hidden = true;
      }
      root.setAttribute('data-loaded', 'true');
    });
});
