// Draws a competition's dashboard from the API's figures (GET /api/grants/competitions/{id}/dashboard).
// Loaded as a file, never inline, so the pages keep a strict Content-Security-Policy; text goes in as
// textContent only.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root || typeof echarts === 'undefined') {
    return;
  }
  var lang = document.documentElement.lang || 'ru';
  var money = new Intl.NumberFormat(lang, {style: 'currency', currency: 'RUB', maximumFractionDigits: 0});
  function names(listId, attribute) {
    var map = {};
    document.querySelectorAll('#' + listId + ' li').forEach(function (item) {
      map[item.getAttribute(attribute)] = item.textContent;
    });
    return map;
  }
  var stateNames = names('state-names', 'data-state');
  var moneyNames = names('money-names', 'data-key');

  fetch(root.getAttribute('data-source'), {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(function (response) { return response.json(); })
    .then(function (d) {
      var states = Object.keys(d.countsByState || {});
      echarts.init(document.getElementById('chart-states')).setOption({
        grid: {containLabel: true, left: 8, right: 16, top: 8, bottom: 8},
        xAxis: {type: 'value', minInterval: 1},
        yAxis: {type: 'category', data: states.map(function (s) { return stateNames[s] || s; })},
        series: [{type: 'bar', data: states.map(function (s) { return d.countsByState[s]; }), label: {show: true, position: 'right'}}]
      });
      echarts.init(document.getElementById('chart-money')).setOption({
        grid: {containLabel: true, left: 8, right: 16, top: 8, bottom: 8},
        xAxis: {type: 'value', axisLabel: {formatter: function (v) { return money.format(v); }}},
        yAxis: {type: 'category', data: [moneyNames.pool, moneyNames.committed, moneyNames.left]},
        series: [{type: 'bar', data: [d.budgetPool, d.committed, d.left],
          label: {show: true, position: 'insideLeft', formatter: function (p) { return money.format(p.value); }}}]
      });
      document.getElementById('late-count').textContent = String(d.reviews ? d.reviews.late : 0);
      document.getElementById('ranked-count').textContent = String(d.rankedCount || 0);
      // The dashboard carries the first 50 of the ranking; the whole of it is the CSV/XLSX below the table.
      var body = document.querySelector('#ranking tbody');
      (d.ranking || []).forEach(function (row) {
        var tr = document.createElement('tr');
        [row.rank, row.projectTitle, row.score, row.requested == null ? '' : money.format(row.requested)]
          .forEach(function (value) {
            var td = document.createElement('td');
            td.textContent = value == null ? '' : String(value);
            tr.appendChild(td);
          });
        body.appendChild(tr);
      });
      root.setAttribute('data-loaded', 'true');
    });
});
