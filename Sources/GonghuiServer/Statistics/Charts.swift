import Foundation

/// Bar charts as inline SVG, drawn on the server: no script, readable by screen readers through
/// the title and the table beside each chart.
enum Charts {
    static func bars(_ data: [(String, Int)], title: String, horizontal: Bool, format: (Int) -> String = { Layout.number($0) }) -> HTML {
        let maxValue = max(data.map(\.1).max() ?? 0, 1)
        if horizontal {
            let rowH = 22, labelW = 150, barW = 260, width = labelW + barW + 70
            let height = max(data.count * rowH + 8, 30)
            var parts: [HTML] = []
            for (i, (label, value)) in data.enumerated() {
                let y = 4 + i * rowH
                let w = Int((Double(value) / Double(maxValue) * Double(barW)).rounded())
                let short = label.count > 11 ? String(label.prefix(10)) + "…" : label
                parts.append("""
                <text x="\(labelW - 6)" y="\(y + 15)" text-anchor="end">\(short)</text>\
                <rect x="\(labelW)" y="\(y + 3)" width="\(max(w, 1))" height="\(rowH - 7)" fill="#9e1b1b"></rect>\
                <text x="\(labelW + max(w, 1) + 4)" y="\(y + 15)">\(format(value))</text>
                """)
            }
            return """
            <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 \(width) \(height)" xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\(parts)</svg>
            """
        }
        // Wide enough for the longest label and value (CJK characters are about 11 px).
        let widest = data.map { max($0.0.count, format($0.1).count) }.max() ?? 0
        let colW = max(34, widest * 11 + 6), chartH = 140, top = 18, width = max(data.count * colW + 10, 60), height = chartH + top + 22
        var parts: [HTML] = []
        for (i, (label, value)) in data.enumerated() {
            let x = 8 + i * colW
            let h = Int((Double(value) / Double(maxValue) * Double(chartH)).rounded())
            parts.append("""
            <rect x="\(x)" y="\(top + chartH - h)" width="\(colW - 8)" height="\(max(h, 1))" fill="#9e1b1b"></rect>\
            <text x="\(x + (colW - 8) / 2)" y="\(top + chartH - h - 4)" text-anchor="middle">\(format(value))</text>\
            <text x="\(x + (colW - 8) / 2)" y="\(top + chartH + 15)" text-anchor="middle">\(label)</text>
            """)
        }
        return """
        <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 \(width) \(height)" xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\(parts)</svg>
        """
    }
}
