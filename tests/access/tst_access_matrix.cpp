// Every role x every Permission, table-driven from kPermissionNames: a permission added
// to Permission.h without a row below fails here, so who may do it is decided on purpose.
#include "core/access/AccessGuard.h"
#include "core/access/AccessPolicy.h"
#include "core/access/ClaimLimits.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace opsdeck::core;
using namespace opsdeck::core::access;

namespace {

// permission name -> the roles that have it (docs/security.md "## Permissions").
const std::map<std::string, std::set<std::string>> &expectedRows()
{
    static const std::map<std::string, std::set<std::string>> rows{
        {"view_personal_data", {"admin", "customer_service"}},
        {"reassign", {"admin", "dispatcher"}},
        {"hold_release", {"admin", "dispatcher"}},
        {"cancel", {"admin", "dispatcher"}},
        {"set_intake_controls", {"admin", "ops_manager"}},
        {"edit_alert_rules", {"admin", "ops_manager"}},
        {"export", {"admin", "ops_manager", "dispatcher", "merchant"}},
        {"export_personal_data", {"admin"}},
        {"manage_users", {"admin"}},
        {"erase_personal_data", {"admin"}},
        {"view_audit", {"admin", "ops_manager"}},
        {"handle_returns", {"admin", "ops_manager", "customer_service"}},
        {"open_claim", {"admin", "ops_manager", "customer_service"}},
        {"decide_claim", {"admin", "ops_manager", "customer_service"}},
        {"refund", {"admin", "ops_manager", "customer_service"}},
        {"notify_customer", {"admin", "ops_manager", "customer_service"}},
    };
    return rows;
}

// A sink we own (the AuditSink interface of issue 17): keeps what the guard appends.
class RecordingAuditSink final : public audit::AuditSink
{
public:
    void append(audit::AuditRecord record) override { records.push_back(std::move(record)); }
    std::vector<audit::AuditRecord> records;
};

Principal principal(const std::string &role, std::vector<std::string> depots = {}, std::string merchant = {})
{
    return Principal{"u-" + role, role, std::move(depots), std::move(merchant), false};
}

// The scope a role's own data has, so the matrix tests the table and not the scopes.
Scope ownScope(const std::string &role)
{
    return role == "merchant" ? Scope{"d1", "m1"} : Scope{"d1", {}};
}

} // namespace

class TstAccessMatrix : public QObject
{
    Q_OBJECT
private slots:
    void everyPermissionHasARow_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < kPermissionCount; ++i)
            QTest::newRow(std::string(kPermissionNames[i]).c_str()) << static_cast<int>(i);
    }
    void everyPermissionHasARow()
    {
        QFETCH(int, index);
        const auto name = std::string(kPermissionNames[static_cast<std::size_t>(index)]);
        QVERIFY2(expectedRows().count(name) == 1,
                 qPrintable(QStringLiteral("permission %1 has no row in the role table").arg(QString::fromStdString(name))));
        QCOMPARE(permissionName(static_cast<Permission>(index)), kPermissionNames[static_cast<std::size_t>(index)]);
    }

    void everyRoleTimesEveryPermission_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<int>("index");
        for (std::string_view role : kRoles)
            for (std::size_t i = 0; i < kPermissionCount; ++i)
                QTest::newRow((std::string(role) + " x " + std::string(kPermissionNames[i])).c_str())
                    << QString::fromUtf8(role.data(), static_cast<qsizetype>(role.size())) << static_cast<int>(i);
    }
    void everyRoleTimesEveryPermission()
    {
        QFETCH(QString, role);
        QFETCH(int, index);
        const auto permission = static_cast<Permission>(index);
        const std::string r = role.toStdString();
        const auto row = expectedRows().find(std::string(permissionName(permission)));
        QVERIFY2(row != expectedRows().end(), "no row for this permission");
        const bool expected = row->second.count(r) == 1;
        QCOMPARE(roleHas(r, permission), expected);
        const Decision d = check(principal(r, {}, "m1"), permission, ownScope(r));
        QCOMPARE(d.allowed(), expected);
        QCOMPARE(d.permission, permission);
        if (!expected)
            QCOMPARE(d.refusal, Refusal::MissingPermission);
    }

    void unknownRolesMayDoNothing()
    {
        for (const char *role : {"", "supervisor", "ops", "ADMIN", "root"})
            for (std::size_t i = 0; i < kPermissionCount; ++i) {
                const Decision d = check(principal(role), static_cast<Permission>(i), {});
                QVERIFY(!d.allowed());
                QCOMPARE(d.refusal, Refusal::UnknownRole);
            }
    }

    void merchantSeesItsOwnMerchantOnly()
    {
        const Principal m = principal("merchant", {}, "m1");
        QVERIFY(check(m, Permission::Export, {"d1", "m1"}).allowed());
        QCOMPARE(check(m, Permission::Export, {"d1", "m2"}).refusal, Refusal::OutOfScope);
        // "Every merchant" is not its merchant.
        QCOMPARE(check(m, Permission::Export, {}).refusal, Refusal::OutOfScope);
        // A merchant user without a merchant sees no merchant's data at all.
        const Principal none = principal("merchant");
        QCOMPARE(check(none, Permission::Export, {"d1", ""}).refusal, Refusal::OutOfScope);
        QCOMPARE(check(none, Permission::Export, {"d1", "m1"}).refusal, Refusal::OutOfScope);
        QVERIFY(!inScope(none, {}));
    }

    void depotScopeLimitsADispatcher()
    {
        const Principal d = principal("dispatcher", {"d1", "d3"});
        QVERIFY(check(d, Permission::Reassign, {"d1", "m9"}).allowed());
        QVERIFY(check(d, Permission::Reassign, {"d3", ""}).allowed());
        QCOMPARE(check(d, Permission::Reassign, {"d2", ""}).refusal, Refusal::OutOfScope);
        QCOMPARE(check(d, Permission::Export, {}).refusal, Refusal::OutOfScope); // the whole city
        // No depots: every depot.
        QVERIFY(check(principal("dispatcher"), Permission::Reassign, {"d2", ""}).allowed());
        // The permission is missing before the scope is looked at.
        QCOMPARE(check(d, Permission::EditAlertRules, {"d2", ""}).refusal, Refusal::MissingPermission);
    }

    // Issue 18: an agent approves up to its limit, the ops manager (the desk's supervisor)
    // above it up to its own, the administrator without limit; a rejection has no amount.
    void claimLimitsByRole()
    {
        const Principal agent = principal("customer_service");
        QVERIFY(checkClaimDecision(agent, true, kAgentClaimLimit).allowed());
        QVERIFY(checkClaimDecision(agent, true, 200.004).allowed()); // the same cents
        QCOMPARE(checkClaimDecision(agent, true, 200.01).refusal, Refusal::OverLimit);
        QCOMPARE(checkClaimDecision(agent, true, 200.01).reason(), std::string("over_limit decide_claim"));
        QVERIFY(checkClaimDecision(agent, false, 1e6).allowed());
        const Principal supervisor = principal("ops_manager");
        QVERIFY(checkClaimDecision(supervisor, true, 200.01).allowed());
        QVERIFY(checkClaimDecision(supervisor, true, kSupervisorClaimLimit).allowed());
        QCOMPARE(checkClaimDecision(supervisor, true, 2000.01).refusal, Refusal::OverLimit);
        QVERIFY(checkClaimDecision(principal("admin"), true, 1e7).allowed());
        // Bad amounts are never approved, whoever asks.
        for (double bad : {-1.0, std::nan(""), std::numeric_limits<double>::infinity()})
            QCOMPARE(checkClaimDecision(principal("admin"), true, bad).refusal, Refusal::OverLimit);
        // Without the permission the table answers first; the scope still limits.
        QCOMPARE(checkClaimDecision(principal("dispatcher"), true, 1).refusal, Refusal::MissingPermission);
        QCOMPARE(checkClaimDecision(principal("dispatcher"), false, 0).refusal, Refusal::MissingPermission);
        QCOMPARE(checkClaimDecision(principal("customer_service", {"d1"}), true, 5, {"d2", ""}).refusal,
                 Refusal::OutOfScope);
        QCOMPARE(claimApprovalLimit("merchant"), std::optional<double>(0.0));
        QCOMPARE(claimApprovalLimit("admin"), std::optional<double>());
    }

    void guardAuditsRefusalsOnly()
    {
        RecordingAuditSink sink;
        const AccessGuard guard(principal("customer_service"), sink, [] { return std::int64_t{1234}; });
        QVERIFY(guard.require(Permission::ViewPersonalData, {}, "reveal", "o-1").allowed());
        QVERIFY(sink.records.empty());
        QVERIFY(!guard.allows(Permission::Reassign).allowed()); // courtesy: not audited
        QVERIFY(sink.records.empty());
        const Decision d = guard.require(Permission::Reassign, {"d1", "m1"}, "command.reassign", "o-1");
        QVERIFY(!d.allowed());
        QCOMPARE(d.reason(), std::string("missing_permission reassign"));
        QCOMPARE(sink.records.size(), std::size_t{1});
        const audit::AuditRecord &r = sink.records.front();
        QCOMPARE(r.atMs, std::int64_t{1234});
        QCOMPARE(r.user, std::string("u-customer_service"));
        QCOMPARE(r.role, std::string("customer_service"));
        QCOMPARE(r.action, std::string("command.reassign"));
        QCOMPARE(r.target, std::string("o-1"));
        QCOMPARE(r.outcome, std::string("refused"));
        QCOMPARE(r.permission, std::string("reassign"));
        QVERIFY(r.detailJson.find("missing_permission") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TstAccessMatrix)
#include "tst_access_matrix.moc"
