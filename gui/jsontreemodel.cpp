#include "jsontreemodel.h"

#include <QLocale>

namespace qrc {

namespace {

using Node = JsonTreeModel::Node;
using Kind = JsonTreeModel::Node::Kind;

// A recursive-descent reader over the text; depth and node count are bounded so that a
// hostile value cannot exhaust the stack or memory.
class Reader {
public:
    explicit Reader(const QString &text)
        : m_text(text) {}

    std::unique_ptr<Node> document() {
        auto node = std::make_unique<Node>();
        skipSpace();
        if (!value(*node, 0))
            return nullptr;
        skipSpace();
        if (m_pos != m_text.size())
            return fail();
        return node;
    }

private:
    static constexpr int MaxDepth = 256;

    std::unique_ptr<Node> fail() { return nullptr; }

    void skipSpace() {
        while (m_pos < m_text.size()) {
            const char16_t c = m_text.at(m_pos).unicode();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool literal(QLatin1String word) {
        if (QStringView(m_text).sliced(m_pos).startsWith(word)) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    bool string(QString *out) {
        if (m_pos >= m_text.size() || m_text.at(m_pos) != QLatin1Char('"'))
            return false;
        ++m_pos;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == QLatin1Char('"'))
                return true;
            if (c.unicode() < 0x20)
                return false;
            if (c != QLatin1Char('\\')) {
                out->append(c);
                continue;
            }
            if (m_pos >= m_text.size())
                return false;
            const char16_t e = m_text.at(m_pos++).unicode();
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out->append(QChar(e));
                break;
            case 'b':
                out->append(QLatin1Char('\b'));
                break;
            case 'f':
                out->append(QLatin1Char('\f'));
                break;
            case 'n':
                out->append(QLatin1Char('\n'));
                break;
            case 'r':
                out->append(QLatin1Char('\r'));
                break;
            case 't':
                out->append(QLatin1Char('\t'));
                break;
            case 'u': {
                if (m_pos + 4 > m_text.size())
                    return false;
                bool ok = false;
                const ushort unit = m_text.mid(m_pos, 4).toUShort(&ok, 16);
                if (!ok)
                    return false;
                m_pos += 4;
                out->append(QChar(unit)); // surrogate pairs arrive as two escapes
                break;
            }
            default:
                return false;
            }
        }
        return false;
    }

    bool number(QString *out) {
        const qsizetype start = m_pos;
        auto digits = [this] {
            const qsizetype from = m_pos;
            while (m_pos < m_text.size() && m_text.at(m_pos).isDigit() &&
                   m_text.at(m_pos).unicode() < 0x80)
                ++m_pos;
            return m_pos > from;
        };
        if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('-'))
            ++m_pos;
        const qsizetype integer = m_pos;
        if (!digits())
            return false;
        if (m_text.at(integer) == QLatin1Char('0') && m_pos - integer > 1)
            return false; // JSON has no leading zeros
        if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('.')) {
            ++m_pos;
            if (!digits())
                return false;
        }
        if (m_pos < m_text.size() &&
            (m_text.at(m_pos) == QLatin1Char('e') || m_text.at(m_pos) == QLatin1Char('E'))) {
            ++m_pos;
            if (m_pos < m_text.size() &&
                (m_text.at(m_pos) == QLatin1Char('+') || m_text.at(m_pos) == QLatin1Char('-')))
                ++m_pos;
            if (!digits())
                return false;
        }
        *out = m_text.mid(start, m_pos - start);
        return true;
    }

    bool child(Node &parent, std::unique_ptr<Node> node) {
        if (++m_nodes > JsonTreeModel::MaxNodes)
            return false;
        node->parent = &parent;
        node->row = int(parent.children.size());
        parent.children.push_back(std::move(node));
        return true;
    }

    bool value(Node &node, int depth) {
        if (depth > MaxDepth || m_pos >= m_text.size())
            return false;
        const char16_t c = m_text.at(m_pos).unicode();
        if (c == '{' || c == '[') {
            const bool object = c == '{';
            node.kind = object ? Kind::Object : Kind::Array;
            ++m_pos;
            skipSpace();
            const QChar close = QLatin1Char(object ? '}' : ']');
            if (m_pos < m_text.size() && m_text.at(m_pos) == close) {
                ++m_pos;
                return true;
            }
            for (;;) {
                auto member = std::make_unique<Node>();
                skipSpace();
                if (object) {
                    if (!string(&member->key))
                        return false;
                    skipSpace();
                    if (m_pos >= m_text.size() || m_text.at(m_pos) != QLatin1Char(':'))
                        return false;
                    ++m_pos;
                    skipSpace();
                } else {
                    member->key = QStringLiteral("[%1]").arg(node.children.size());
                }
                if (!value(*member, depth + 1) || !child(node, std::move(member)))
                    return false;
                skipSpace();
                if (m_pos >= m_text.size())
                    return false;
                const QChar next = m_text.at(m_pos++);
                if (next == close)
                    return true;
                if (next != QLatin1Char(','))
                    return false;
            }
        }
        if (c == '"') {
            node.kind = Kind::String;
            return string(&node.value);
        }
        for (const char *word : {"true", "false"}) {
            if (literal(QLatin1String(word))) {
                node.kind = Kind::Bool;
                node.value = QLatin1String(word);
                return true;
            }
        }
        if (literal(QLatin1String("null"))) {
            node.kind = Kind::Null;
            node.value = QStringLiteral("null");
            return true;
        }
        node.kind = Kind::Number;
        return number(&node.value);
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    int m_nodes = 0;
};

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent) {}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::clear() {
    beginResetModel();
    m_root.reset();
    m_error.clear();
    endResetModel();
}

bool JsonTreeModel::setJson(const QByteArray &json) {
    beginResetModel();
    m_root.reset();
    m_error.clear();
    const QString text = QString::fromUtf8(json);
    std::unique_ptr<Node> document = Reader(text).document();
    if (document) {
        m_root = std::make_unique<Node>();
        m_root->kind = Kind::Array;
        document->parent = m_root.get();
        m_root->children.push_back(std::move(document));
    } else {
        m_error = tr("Not shown as a tree: the value is not JSON, or has more than %1 elements.")
                      .arg(QLocale().toString(MaxNodes));
    }
    endResetModel();
    return bool(m_root);
}

const JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const {
    return index.isValid() ? static_cast<const Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const {
    const Node *p = nodeOf(parent);
    if (!p || row < 0 || column < 0 || column >= ColumnCount || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const {
    if (!child.isValid())
        return {};
    const Node *p = static_cast<const Node *>(child.internalPointer())->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, const_cast<Node *>(p));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const {
    if (parent.column() > 0)
        return 0;
    const Node *n = nodeOf(parent);
    return n ? int(n->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &) const {
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeOf(index);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case KeyColumn:
        return n->parent == m_root.get() ? tr("(root)") : n->key;
    case ValueColumn:
        if (n->kind == Kind::Object)
            return tr("{%n member(s)}", nullptr, int(n->children.size()));
        if (n->kind == Kind::Array)
            return tr("[%n element(s)]", nullptr, int(n->children.size()));
        if (role == Qt::DisplayRole && n->kind == Kind::String) {
            QString line = n->value.left(500);
            line.replace(QLatin1Char('\n'), QChar(0x21b5));
            return line;
        }
        return n->value.left(4000);
    case TypeColumn:
        switch (n->kind) {
        case Kind::Object:
            return tr("object");
        case Kind::Array:
            return tr("array");
        case Kind::String:
            return tr("string");
        case Kind::Number:
            return tr("number");
        case Kind::Bool:
            return tr("boolean");
        case Kind::Null:
            return tr("null");
        }
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace qrc
