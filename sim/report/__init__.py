"""The group project's "Quan hệ khách hàng" section: check a scenario, simulate it, export HTML and Word.

Lecture 000 ends with a group exercise: "Chuẩn bị phần «Quan hệ khách hàng» cho Đề tài TMĐT của nhóm".
A group describes its own shop in a scenario file (``exercises/du_an_nhom/kich_ban.yaml``), and this
package turns it into the section of its report:

* :func:`check_scenario` validates the file and returns the bilingual message instead of raising;
* :func:`run_project` simulates the group's shop against the default shop over several seeds, and once
  in detail;
* :func:`build_section` lays out the numbered sub-sections (target customers, acquisition, retention,
  extension and LTV, service, comparison, the four CRM activities, the five customer-centred steps) with
  their tables and charts, made by :mod:`sim.measures` and :mod:`sim.charts`;
* :func:`write_report` writes the section as an HTML page and a Word document (``make report``,
  ``python -m sim.report``).

Typical use::

    from sim.report import check_scenario, run_project, write_report
    print(check_scenario("exercises/du_an_nhom/kich_ban.yaml"))
    project = run_project("exercises/du_an_nhom/kich_ban.yaml", seeds=3, customers=2000)
    write_report("exercises/du_an_nhom/kich_ban.yaml", "bao_cao")
"""

from sim.report.export import write_report
from sim.report.project import Project, run_project
from sim.report.scenario_check import ScenarioCheck, check_scenario, scenario_changes
from sim.report.section import build_section, section_text

__all__ = ["Project", "ScenarioCheck", "build_section", "check_scenario", "run_project", "scenario_changes",
           "section_text", "write_report"]
