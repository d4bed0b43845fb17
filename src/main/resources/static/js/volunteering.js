// Draws the staff's volunteering overview from the API's figures (GET /api/volunteering/statistics).
// Loaded as a file, never inline, so the pages keep a strict Content-Security-Policy; names come from
// the page (in the reader's language) and go in as text only.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  var root = document.getElementById('volunteering-overview');
  if (!root || typeof echarts === 'undefined') {
    return;
  }
  var statusNames = {};
  document.querySelectorAll('#status-names li').forEach(function (item) {
    statusNames[item.getAttribute('data-key')] = item.textContent;
  });
  function bars(id, labels, values) {
    echarts.init(document.getElementById(id)).setOption({
      grid: {containLabel: true, left: 8, right: 16, top: 8, bottom: 8},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', inverse: true, data: labels},
      series: [{type: 'bar', data: values, label: {show: true, position: 'right'}}]
    });
  }
  fetch(root.getAttribute('data-source'), {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(function (response) { return response.json(); })
    .then(function (d) {
      var statuses = Object.keys(d.volunteersByStatus || {}).sort();
      bars('chart-status', statuses.map(function (s) { return statusNames[s] || s; }),
        statuses.map(function (s) { return d.volunteersByStatus[s]; }));
      var districts = (d.activeByDistrict || []).slice(0, 15);
      bars('chart-district', districts.map(function (c) { return c.key; }), districts.map(function (c) { return c.count; }));
      var skills = (d.activeBySkill || []).slice(0, 15);
      bars('chart-skill', skills.map(function (c) { return c.name || c.key; }), skills.map(function (c) { return c.count; }));
      var hours = (d.hoursByOrganisation || []).slice(0, 15);
      bars('chart-hours', hours.map(function (h) { return h.name || h.key; }), hours.map(function (h) { return h.hours; }));
      root.setAttribute('data-loaded', 'true');
    });
});
