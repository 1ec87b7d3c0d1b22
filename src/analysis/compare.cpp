// Coverage matrices (Eigen) of the instruments compared: which topics each protects or restricts
// the worker on, weighted.

#include "compared_instruments.hpp"

#include <dutymap/compare.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace dutymap {

using index = corpus::index;
using namespace comparing;

double compare_options::weight(const provision& p) const {
  const double w = p.strength == strength::shall    ? shall
                   : p.strength == strength::should ? should
                                                    : may;
  return p.qualifiers.empty() ? w : w * qualified;
}

namespace {

std::string group_of(const std::string& topic) {
  return topic.substr(0, topic.find('.'));
}

}  // namespace

comparison compare(const corpus& c, const std::vector<std::string>& ids, const compare_options& o) {
  comparison out;
  std::vector<index> rows;
  for (const auto& id : ids) rows.push_back(require(c, id));
  out.instruments = ids;

  // Topic columns: every topic the compared instruments concern, in taxonomy order.
  std::set<index> topic_set;
  std::vector<std::vector<index>> provs(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    provs[r] = provisions_with_annexes(c, rows[r], o.with_annexes);
    for (index p : provs[r])
      for (const auto& t : c.provision_at(p).topics) topic_set.insert(*c.topic_index(t.topic));
  }
  std::map<index, std::size_t> topic_col;
  for (index t : topic_set) {
    topic_col.emplace(t, out.topic_columns.size());
    out.topic_columns.push_back(c.topics()[t].id);
  }
  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto nt = static_cast<Eigen::Index>(out.topic_columns.size());
  Eigen::MatrixXd protect = Eigen::MatrixXd::Zero(n, nt), restrict_ = Eigen::MatrixXd::Zero(n, nt);
  // Per stage, for the stage rollup.
  std::array<Eigen::MatrixXd, 4> stage_protect, stage_restrict;
  for (auto& m : stage_protect) m = Eigen::MatrixXd::Zero(n, nt);
  for (auto& m : stage_restrict) m = Eigen::MatrixXd::Zero(n, nt);
  for (Eigen::Index r = 0; r < n; ++r)
    for (index pi : provs[static_cast<std::size_t>(r)]) {
      const provision& p = c.provision_at(pi);
      const double w = o.weight(p);
      for (const auto& te : p.topics) {
        const auto col = static_cast<Eigen::Index>(topic_col.at(*c.topic_index(te.topic)));
        auto& m = te.effect == effect::protects ? protect : restrict_;
        m(r, col) = std::max(m(r, col), w);
        for (stage s : p.stages.values()) {
          auto& ms = te.effect == effect::protects ? stage_protect[static_cast<int>(s)]
                                                   : stage_restrict[static_cast<int>(s)];
          ms(r, col) = std::max(ms(r, col), w);
        }
      }
    }
  out.topic_matrix = protect - restrict_;
  out.topics_protected = (protect.array() > 0).cast<double>().matrix();
  out.topics_restricted = (restrict_.array() > 0).cast<double>().matrix();

  switch (o.rollup) {
    case rollup::topic:
      out.columns = out.topic_columns;
      out.matrix = protect - restrict_;
      break;
    case rollup::group: {
      std::map<std::string, std::size_t> group_col;
      for (const auto& t : out.topic_columns)
        if (group_col.emplace(group_of(t), group_col.size()).second)
          out.columns.push_back(group_of(t));
      Eigen::MatrixXd gp = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(out.columns.size()));
      Eigen::MatrixXd gr = gp;
      for (Eigen::Index j = 0; j < nt; ++j) {
        const auto g = static_cast<Eigen::Index>(
            group_col.at(group_of(out.topic_columns[static_cast<std::size_t>(j)])));
        gp.col(g) = gp.col(g).cwiseMax(protect.col(j));
        gr.col(g) = gr.col(g).cwiseMax(restrict_.col(j));
      }
      out.matrix = gp - gr;
      break;
    }
    case rollup::stage:
      for (auto s : enum_names<stage>::values) out.columns.emplace_back(s);
      out.matrix = Eigen::MatrixXd::Zero(n, 4);
      for (int s = 0; s < 4; ++s)
        out.matrix.col(s) = (stage_protect[s] - stage_restrict[s]).rowwise().sum();
      break;
  }
  return out;
}

}  // namespace dutymap
