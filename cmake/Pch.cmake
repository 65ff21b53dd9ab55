# Precompiled headers: the standard library and Qt headers nearly every file includes.
# A library gets its own; every test executable reuses one built once for the tests.
set(OPSDECK_PCH_CORE
    <algorithm> <cstdint> <functional> <memory> <optional> <string> <string_view>
    <unordered_map> <utility> <vector>
    <QByteArray> <QDateTime> <QHash> <QJsonArray> <QJsonObject> <QList> <QObject> <QString>
    <QStringList> <QVariant>)
set(OPSDECK_PCH_GUI ${OPSDECK_PCH_CORE}
    <QAbstractItemModel> <QAction> <QApplication> <QLabel> <QPainter> <QPushButton>
    <QVBoxLayout> <QWidget>)

function(opsdeck_pch target kind)
  if(kind STREQUAL "GUI")
    target_precompile_headers(${target} PRIVATE ${OPSDECK_PCH_GUI})
  else()
    target_precompile_headers(${target} PRIVATE ${OPSDECK_PCH_CORE})
  endif()
endfunction()
