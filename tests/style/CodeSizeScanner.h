#pragma once

// The code-size rule's scanner: a C++ port of the Python prototype (tools/fnsize.py), so
// the rule is checked on CI machines without Python. It is a heuristic, not a parser:
// comments, string / char / raw-string literals and preprocessor lines are blanked out,
// then braces are tracked. A '{' outside any function body opens a function body when
// the text since the last ';', '{' or '}' has a '(' and is neither a namespace / class /
// struct / enum / union head nor an "= {" initializer. Anything nested in a body (blocks,
// lambdas, local classes) counts toward that body. Keep it in step with the prototype:
// both must report the same list.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace opsdeck::style {

inline constexpr int kMaxFileLines = 600;
inline constexpr int kMaxFunctionLines = 80;

// A function body: the line of its '{' and how many lines it spans up to its '}', both
// included (a body opened and closed on one line is 1 line long).
struct Span {
    int line = 0;
    int length = 0;
    friend bool operator==(const Span &, const Span &) = default;
};

// The file as text with every line ending turned into '\n' (the prototype reads with
// Python's universal newlines), invalid UTF-8 replaced.
inline QString readSource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return text;
}

// Lines as an editor counts them: a last line without '\n' still counts.
inline int lineCount(const QString &text)
{
    const auto newlines = static_cast<int>(text.count(QLatin1Char('\n')));
    return newlines + (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')) ? 1 : 0);
}

namespace detail {

inline QString newlinesIn(const QString &src, qsizetype from, qsizetype to)
{
    return QString(src.mid(from, to - from).count(QLatin1Char('\n')), QLatin1Char('\n'));
}

// Index just past a string or char literal opened by the quote at i.
inline qsizetype endOfQuoted(const QString &src, qsizetype i)
{
    const QChar quote = src[i];
    qsizetype j = i + 1;
    while (j < src.size() && src[j] != quote) {
        if (src[j] == QLatin1Char('\\'))
            ++j;
        ++j;
    }
    return j + 1;
}

// Index of the '\n' ending the preprocessor line that starts at i (backslash
// continuations included), or the end of the text.
inline qsizetype endOfDirective(const QString &src, qsizetype i)
{
    qsizetype j = i;
    for (;;) {
        const qsizetype k = src.indexOf(QLatin1Char('\n'), j);
        if (k < 0)
            return src.size();
        if (src[k - 1] != QLatin1Char('\\'))
            return k;
        j = k + 1;
    }
}

} // namespace detail

// The code with comments, literals and preprocessor lines removed. Newlines inside what
// is removed are kept (except inside ordinary string literals, which cannot hold one),
// so a character's line is the same as in the file.
inline QString stripCode(const QString &src)
{
    QString out;
    out.reserve(src.size());
    const qsizetype n = src.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = src[i];
        if (src.mid(i, 2) == QLatin1String("//")) {
            const qsizetype j = src.indexOf(QLatin1Char('\n'), i);
            i = j < 0 ? n : j;
            continue;
        }
        if (src.mid(i, 2) == QLatin1String("/*")) {
            const qsizetype close = src.indexOf(QLatin1String("*/"), i + 2);
            const qsizetype j = close < 0 ? n : close + 2;
            out += detail::newlinesIn(src, i, j);
            i = j;
            continue;
        }
        if (src.mid(i, 2) == QLatin1String("R\"")) {
            // R"delim( ... )delim": the first '(' ends the delimiter, as in the prototype.
            if (const qsizetype open = src.indexOf(QLatin1Char('('), i + 2); open >= 0) {
                const QString end = QLatin1Char(')') + src.mid(i + 2, open - i - 2) + QLatin1Char('"');
                const qsizetype close = src.indexOf(end, i);
                const qsizetype j = close < 0 ? n : close + end.size();
                out += QLatin1String("\"\"") + detail::newlinesIn(src, i, j);
                i = j;
                continue;
            }
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            out += c;
            out += c;
            i = detail::endOfQuoted(src, i);
            continue;
        }
        if (c == QLatin1Char('#')) {
            const qsizetype k = detail::endOfDirective(src, i);
            out += detail::newlinesIn(src, i, k);
            i = k;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

enum class BraceKind { Namespace, Class, Function, Other };

// What a '{' outside any function body opens, from the text since the last ';', '{' or
// '}' before it.
inline BraceKind classifyBrace(const QString &head)
{
    using RE = QRegularExpression;
    static const RE::PatternOptions u = RE::UseUnicodePropertiesOption;
    static const RE namespaceWord(QStringLiteral("\\bnamespace\\b"), u);
    static const RE externHead(QStringLiteral("^extern\\b"), u);
    static const RE classHead(QStringLiteral("\\b(class|struct|union|enum)\\b[^()]*$"), u);
    static const RE endsWithAssign(QStringLiteral("=\\s*$"), u);
    static const RE assignAfterParen(QStringLiteral("^.*\\)\\s*=\\s*[^=]"), u);
    static const RE operatorWord(QStringLiteral("\\boperator\\b"), u);
    static const RE assignment(QStringLiteral("(^|[^=!<>])=[^=]"), u);

    const QString h = head.simplified();
    if (namespaceWord.match(h).hasMatch() || externHead.match(h).hasMatch())
        return BraceKind::Namespace;
    if (classHead.match(h).hasMatch())
        return BraceKind::Class;
    const bool callable = (h.contains(QLatin1Char('(')) && !endsWithAssign.match(h).hasMatch()
                           && !assignAfterParen.match(h).hasMatch())
        || operatorWord.match(h).hasMatch();
    if (!callable)
        return BraceKind::Other;
    // "auto f = [](int) {" or "x = g(1) {": an initializer, not a definition.
    if (assignment.match(h.section(QLatin1Char('('), 0, 0)).hasMatch() && !h.contains(QLatin1String("operator")))
        return BraceKind::Other;
    return BraceKind::Function;
}

// Every function body of a source text, in the order they close.
inline std::vector<Span> functionBodies(const QString &source)
{
    const QString s = stripCode(source);
    std::vector<int> lineAt(static_cast<std::size_t>(s.size()) + 1);
    int line = 1;
    for (qsizetype i = 0; i < s.size(); ++i) {
        lineAt[static_cast<std::size_t>(i)] = line;
        if (s[i] == QLatin1Char('\n'))
            ++line;
    }
    const auto lineOf = [&lineAt](qsizetype i) { return lineAt[static_cast<std::size_t>(i)]; };

    struct Open {
        BraceKind kind;
        qsizetype at;
    };
    std::vector<Open> open;
    int functionsOpen = 0;
    qsizetype headStart = 0;
    std::vector<Span> bodies;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar ch = s[i];
        const bool inFunctionScope = !open.empty() && open.back().kind == BraceKind::Function;
        if (ch == QLatin1Char(';')) {
            if (!inFunctionScope)
                headStart = i + 1;
        } else if (ch == QLatin1Char('{')) {
            const BraceKind kind = functionsOpen > 0 ? BraceKind::Other : classifyBrace(s.mid(headStart, i - headStart));
            if (kind == BraceKind::Function)
                ++functionsOpen;
            open.push_back({kind, i});
            headStart = i + 1;
        } else if (ch == QLatin1Char('}')) {
            if (!open.empty()) {
                const Open o = open.back();
                open.pop_back();
                if (o.kind == BraceKind::Function) {
                    --functionsOpen;
                    bodies.push_back({lineOf(o.at), lineOf(i) - lineOf(o.at) + 1});
                }
            }
            if (open.empty() || open.back().kind != BraceKind::Function)
                headStart = i + 1;
        }
    }
    return bodies;
}

inline std::vector<Span> longerThan(const std::vector<Span> &bodies, int maxLines)
{
    std::vector<Span> out;
    std::copy_if(bodies.begin(), bodies.end(), std::back_inserter(out),
                 [maxLines](const Span &s) { return s.length > maxLines; });
    return out;
}

// The .h and .cpp files under root (recursively), as paths relative to base, sorted.
inline QStringList sourceFiles(const QString &base, const QString &root)
{
    QStringList files;
    QDirIterator it(QDir(base).filePath(root), {QStringLiteral("*.h"), QStringLiteral("*.cpp")},
                    QDir::Files | QDir::Hidden | QDir::CaseSensitive, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(base).relativeFilePath(it.next());
    files.sort();
    return files;
}

} // namespace opsdeck::style
