import pytest

from ingest.chrome import dateline, is_contact_line, is_nav_line, strip_chrome


@pytest.mark.parametrize(
    "line,expected",
    [
        ("皖江商讯网首页 数字版首页 往期回顾", True),
        ("版面下载", True),
        ("首页 > 新闻中心 > 正文", True),
        ("首页 | 时政 | 财经 | 社会", True),
        ("【打印】【关闭】", True),
        ("上一篇 下一篇", True),
        ("学深悟透", False),
        ("在统一思想中筑牢信仰之基", False),
        ("省长到首页科技公司调研，了解企业生产经营情况和首页产品研发进展。", False),
        ("钟立民 吕航 孟志远", False),
    ],
)
def test_is_nav_line(line, expected):
    assert is_nav_line(line) is expected


@pytest.mark.parametrize(
    "line,expected",
    [
        ("投稿地址:ahjjb2006@163.com", True),
        ("（责任编辑：王小明）", True),
        ("联系邮箱 news@example.com", True),
        ("皖ICP备12345678号", True),
        ("编辑部全体人员参加了学习，大家一致认为要把学习成果转化为推动工作的实际行动。", False),
        ("——安徽省科技厅高质量开展主题教育综述", False),
    ],
)
def test_is_contact_line(line, expected):
    assert is_contact_line(line) is expected


@pytest.mark.parametrize(
    "line,expected",
    [
        ("- 2023年8月3日", "2023-08-03"),
        ("发布时间：2023-08-03 10:21", "2023-08-03"),
        ("2023年8月3日 星期四", "2023-08-03"),
        ("2023年8月5日 周六", "2023-08-05"),
        ("2023年8月6日 星期天", "2023-08-06"),
        ("2023年8月3日 星期八", None),
        ("2019年08月05日07:48  来源：人民网－人民日报", "2019-08-05"),
        ("发布日期：2023-08-03 | 来源：省政府办公厅 | 字号：大", "2023-08-03"),
        ("华夏网 2023年10月22日", None),
        ("2023年8月3日 来源 新华社", None),
        ("2023年8月3日，省政府召开常务会议。", None),
        ("会议召开", None),
    ],
)
def test_dateline(line, expected):
    assert dateline(line) == expected


def test_strip_chrome_drops_header_and_keeps_title():
    lines = [
        "某某主流经济门户",
        "投稿地址:a@b.com",
        "某某网首页 数字版首页 往期回顾",
        "- 2023年8月3日",
        "【标题】正文标题",
        "——副标题综述",
        "正文第一段。",
        "版面下载",
    ]
    result = strip_chrome(lines)
    assert (result.paragraphs, result.date) == (
        ["【标题】正文标题", "——副标题综述", "正文第一段。"],
        "2023-08-03",
    )


def test_strip_chrome_keeps_headline_above_dateline():
    lines = [
        "葛峰在生态环境部调研",
        "华夏网 2018年04月09日",
        "华夏网消息（晚间新闻）：8日，葛峰调研。",
    ]
    assert strip_chrome(lines).paragraphs == lines


def test_strip_chrome_keeps_short_lines_without_nav_below():
    lines = ["标题", "学深悟透", "在统一思想中筑牢信仰之基", "正文。"]
    assert strip_chrome(lines).paragraphs == lines


@pytest.mark.parametrize("line", ["字号：大 中 小", "当前位置：首页 > 要闻 > 正文", "分享到："])
def test_page_furniture_is_nav(line):
    assert is_nav_line(line)
