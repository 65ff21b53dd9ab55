// The code-size rule: no source file over 600 lines and no function body over 80 lines
// in src/ and plugins/. The scanner is checked on small snippets first, so a scanner
// that finds nothing cannot make the rule pass by itself.
#include "CodeSizeScanner.h"

#include <QTest>

using namespace opsdeck::style;

namespace {

const QStringList kRoots = {QStringLiteral("src"), QStringLiteral("plugins")};

QString sourceDir()
{
    return QStringLiteral(OPSDECK_SOURCE_DIR);
}

// "2:81 90:3": each body as line:length, in the order the scanner reports them.
QString format(const std::vector<Span> &spans)
{
    QStringList parts;
    for (const Span &s : spans)
        parts << QStringLiteral("%1:%2").arg(s.line).arg(s.length);
    return parts.join(QLatin1Char(' '));
}

QString statements(int count, const QString &indent = QStringLiteral("    "))
{
    QString out;
    for (int i = 0; i < count; ++i)
        out += indent + QStringLiteral("++x;\n");
    return out;
}

// A function whose body spans `lines` lines, '{' and '}' included; its '{' is on the
// second line of the snippet.
QString functionOf(int lines, const QString &name = QStringLiteral("f"))
{
    return QStringLiteral("int %1(int x)\n{\n").arg(name) + statements(lines - 3) + QStringLiteral("    return x;\n}\n");
}

} // namespace

class CodeSizeTest final : public QObject
{
    Q_OBJECT
private slots:
    void scanner_data();
    void scanner();
    void lineCounting();
    void sourceTreeIsScanned();
    void noFileOver600Lines();
    void noFunctionOver80Lines();
};

void CodeSizeTest::scanner_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("bodies");    // every function body found
    QTest::addColumn<QString>("offenders"); // those over kMaxFunctionLines

    QTest::newRow("81-line function is caught") << functionOf(81) << "2:81" << "2:81";
    QTest::newRow("80-line function passes") << functionOf(80) << "2:80" << "";
    QTest::newRow("one-line body") << QStringLiteral("int f() { return 1; }\n") << "1:1" << "";

    QTest::newRow("namespace body is not a function")
        << QStringLiteral("namespace a::b {\n") + statements(100, {}).replace(QLatin1String("++x"), QLatin1String("int v"))
            + QStringLiteral("int g() { return 1; }\n} // namespace a::b\n")
        << "102:1" << "";
    QTest::newRow("anonymous namespace and extern \"C\"")
        << QStringLiteral("namespace {\nextern \"C\" {\n") + QString(90, QLatin1Char('\n'))
            + QStringLiteral("int h()\n{\n    return 2;\n}\n}\n}\n")
        << "94:3" << "";
    QTest::newRow("class body is not a function")
        << QStringLiteral("class C final : public Base\n{\npublic:\n") + QString(90, QLatin1Char('\n'))
            + QStringLiteral("    int get() const\n    {\n        return m_x;\n    }\nprivate:\n    int m_x = 0;\n};\n")
        << "95:3" << "";
    QTest::newRow("struct, enum and union bodies are not functions")
        << QStringLiteral("struct S {\n") + QString(85, QLatin1Char('\n'))
            + QStringLiteral("};\nenum class E {\n") + QString(85, QLatin1Char('\n'))
            + QStringLiteral("};\nunion U {\n") + QString(85, QLatin1Char('\n')) + QStringLiteral("};\n")
        << "" << "";
    QTest::newRow("= { initializer is not a function")
        << QStringLiteral("const std::array<int, sizeof(long)> kTable = {\n") + QStringLiteral("    f(1),\n").repeated(90)
            + QStringLiteral("};\nconst auto kLambda = [](int y) {\n") + statements(85) + QStringLiteral("};\n")
        << "" << "";

    QTest::newRow("a lambda counts toward its function")
        << QStringLiteral("void run(int x)\n{\n") + statements(40)
            + QStringLiteral("    const auto step = [&x](int by) {\n") + statements(40, QStringLiteral("        "))
            + QStringLiteral("    };\n    step(1);\n}\n")
        << "2:85" << "2:85";

    // Every brace below is in a literal, a comment or a directive: counted, they would
    // leave f open to the end and swallow g.
    QTest::newRow("braces in strings, comments and directives are ignored")
        << QStringLiteral("#define OPEN {\n"
                          "int f()\n"
                          "{\n"
                          "    const char *a = \"{\", *b = \"\\\"{\";\n"
                          "    const char c = '{', d = '\\'';\n"
                          "    // {\n"
                          "    /* { */\n"
                          "    /* {\n"
                          "       { */\n"
                          "    const char *e = R\"x({ )\" {)x\";\n"
                          "    const char *r = R\"(\n"
                          "{\n"
                          ")\";\n"
                          "#if defined(X) \\\n"
                          "    { \n"
                          "#endif\n"
                          "    return 0;\n"
                          "}\n"
                          "int g() { return 1; }\n")
        << "3:16 19:1" << "";
}

void CodeSizeTest::scanner()
{
    QFETCH(QString, source);
    QFETCH(QString, bodies);
    QFETCH(QString, offenders);

    const std::vector<Span> found = functionBodies(source);
    QCOMPARE(format(found), bodies);
    QCOMPARE(format(longerThan(found, kMaxFunctionLines)), offenders);
}

void CodeSizeTest::lineCounting()
{
    QCOMPARE(lineCount(QString()), 0);
    QCOMPARE(lineCount(QStringLiteral("a\n")), 1);
    QCOMPARE(lineCount(QStringLiteral("a\nb")), 2);
    QCOMPARE(lineCount(QStringLiteral("a\n\n")), 2);
    QCOMPARE(lineCount(QStringLiteral("x\n").repeated(kMaxFileLines + 1)), kMaxFileLines + 1);
}

// Guards the two checks below: a wrong source directory or file filter would find
// nothing and pass.
void CodeSizeTest::sourceTreeIsScanned()
{
    QVERIFY2(QFileInfo::exists(QDir(sourceDir()).filePath(QStringLiteral("src/app/main.cpp"))), qPrintable(sourceDir()));
    QStringList files;
    for (const QString &root : kRoots)
        files << sourceFiles(sourceDir(), root);
    QVERIFY2(files.size() > 100, qPrintable(QString::number(files.size())));
    QVERIFY(files.contains(QStringLiteral("src/app/main.cpp")));
    QVERIFY(files.contains(QStringLiteral("plugins/dispatcher/DispatcherPlugin.cpp")));
    QVERIFY(!functionBodies(readSource(QDir(sourceDir()).filePath(QStringLiteral("src/app/main.cpp")))).empty());
}

void CodeSizeTest::noFileOver600Lines()
{
    QStringList problems;
    for (const QString &root : kRoots) {
        for (const QString &file : sourceFiles(sourceDir(), root)) {
            const int lines = lineCount(readSource(QDir(sourceDir()).filePath(file)));
            if (lines > kMaxFileLines)
                problems << QStringLiteral("%1: %2 lines (limit %3)").arg(file).arg(lines).arg(kMaxFileLines);
        }
    }
    // QFAIL, not QVERIFY2: QVERIFY2 cuts its message at 1 KiB and the list must be whole.
    if (!problems.isEmpty())
        QFAIL(qPrintable(QStringLiteral("%1 files over %2 lines:\n").arg(problems.size()).arg(kMaxFileLines)
                         + problems.join(QLatin1Char('\n'))));
}

void CodeSizeTest::noFunctionOver80Lines()
{
    QStringList problems;
    for (const QString &root : kRoots) {
        for (const QString &file : sourceFiles(sourceDir(), root)) {
            const auto bodies = functionBodies(readSource(QDir(sourceDir()).filePath(file)));
            for (const Span &s : longerThan(bodies, kMaxFunctionLines))
                problems << QStringLiteral("%1:%2: function body of %3 lines (limit %4)")
                                .arg(file)
                                .arg(s.line)
                                .arg(s.length)
                                .arg(kMaxFunctionLines);
        }
    }
    if (!problems.isEmpty())
        QFAIL(qPrintable(QStringLiteral("%1 function bodies over %2 lines:\n").arg(problems.size()).arg(kMaxFunctionLines)
                         + problems.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(CodeSizeTest)
#include "tst_code_size.moc"
