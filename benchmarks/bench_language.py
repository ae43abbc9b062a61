"""How often the language check is right on short sentences, and what it costs per article.

    python benchmarks/bench_language.py

The sentences are ours, written for this measurement on the pattern of news about diplomacy
(6 to 16 words each, far shorter than an article, so the hard case): 8 per language, 11
languages. Prints accuracy per language and overall, which sentences were wrong, and the time
per seed article (the English shortcut) and per non-English sentence (py3langid).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from tonekit.inputs import detect_language

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = {
    "en": ["The envoy said the talks had made real progress on Monday.",
           "Both governments agreed to reopen their embassies next spring.",
           "The minister warned that sanctions would follow any new test.",
           "Officials from the two sides will meet again in Oslo.",
           "He told reporters the ceasefire was holding for now.",
           "The summit ended without a joint statement on trade.",
           "A spokeswoman for the ministry declined to comment on the report.",
           "They called for calm and a return to negotiations."],
    "fr": ["Le ministre a déclaré que les discussions avaient beaucoup progressé.",
           "Les deux pays vont rouvrir leurs ambassades au printemps prochain.",
           "La porte-parole a refusé de commenter ces informations.",
           "Nous appelons toutes les parties au calme, a-t-il dit.",
           "Le sommet s'est achevé sans déclaration commune sur le commerce.",
           "L'envoyé spécial rencontrera son homologue jeudi à Genève.",
           "Selon le gouvernement, le cessez-le-feu est respecté.",
           "Les négociations reprendront après les élections de mai."],
    "de": ["Der Minister sagte, die Gespräche seien gut vorangekommen.",
           "Beide Regierungen wollen ihre Botschaften im Frühjahr wieder öffnen.",
           "Die Sprecherin wollte sich zu dem Bericht nicht äußern.",
           "Wir rufen alle Seiten zur Zurückhaltung auf, erklärte er.",
           "Der Gipfel endete ohne gemeinsame Erklärung zum Handel.",
           "Der Sondergesandte trifft seinen Amtskollegen am Donnerstag.",
           "Nach Angaben der Regierung hält die Waffenruhe.",
           "Die Verhandlungen sollen nach der Wahl fortgesetzt werden."],
    "es": ["El ministro dijo que las conversaciones habían avanzado mucho.",
           "Ambos gobiernos reabrirán sus embajadas la próxima primavera.",
           "La portavoz se negó a comentar el informe.",
           "Pedimos calma a todas las partes, afirmó el presidente.",
           "La cumbre terminó sin una declaración conjunta sobre comercio.",
           "El enviado especial se reunirá con su homólogo el jueves.",
           "Según el gobierno, el alto el fuego se mantiene.",
           "Las negociaciones se reanudarán después de las elecciones."],
    "it": ["Il ministro ha detto che i colloqui sono andati avanti.",
           "I due governi riapriranno le ambasciate la prossima primavera.",
           "La portavoce non ha voluto commentare il rapporto.",
           "Chiediamo calma a tutte le parti, ha dichiarato il premier.",
           "Il vertice si è chiuso senza una dichiarazione comune sul commercio.",
           "L'inviato speciale incontrerà il suo omologo giovedì.",
           "Secondo il governo, il cessate il fuoco regge ancora.",
           "I negoziati riprenderanno dopo le elezioni di maggio."],
    "pt": ["O ministro disse que as conversas avançaram bastante.",
           "Os dois governos vão reabrir as embaixadas na próxima primavera.",
           "A porta-voz recusou-se a comentar o relatório.",
           "Pedimos calma a todas as partes, afirmou o presidente.",
           "A cúpula terminou sem uma declaração conjunta sobre comércio.",
           "O enviado especial vai encontrar o seu homólogo na quinta-feira.",
           "Segundo o governo, o cessar-fogo está a ser respeitado.",
           "As negociações serão retomadas depois das eleições."],
    "nl": ["De minister zei dat de gesprekken goed waren verlopen.",
           "Beide regeringen openen hun ambassades volgend voorjaar weer.",
           "De woordvoerster wilde niet reageren op het rapport.",
           "Wij roepen alle partijen op tot kalmte, zei hij.",
           "De top eindigde zonder gezamenlijke verklaring over handel.",
           "De speciale gezant ontmoet donderdag zijn ambtgenoot.",
           "Volgens de regering houdt het staakt-het-vuren stand.",
           "De onderhandelingen worden na de verkiezingen hervat."],
    "ru": ["Министр сказал, что переговоры заметно продвинулись.",
           "Оба правительства откроют посольства следующей весной.",
           "Представитель министерства отказалась комментировать доклад.",
           "Мы призываем все стороны к спокойствию, заявил он.",
           "Саммит завершился без совместного заявления о торговле.",
           "Спецпосланник встретится со своим коллегой в четверг.",
           "По данным правительства, перемирие соблюдается.",
           "Переговоры возобновятся после выборов в мае."],
    "zh": ["部长表示，谈判取得了实质性进展。",
           "两国政府将于明年春天重新开放大使馆。",
           "发言人拒绝对该报告发表评论。",
           "我们呼吁各方保持冷静，他说。",
           "峰会结束时没有发表关于贸易的联合声明。",
           "特使将于周四与对方会面。",
           "据政府称，停火仍在维持。",
           "谈判将在五月选举后恢复。"],
    "ja": ["大臣は、交渉が大きく前進したと述べた。",
           "両政府は来年の春に大使館を再開する予定だ。",
           "報道官はその報告についてのコメントを控えた。",
           "私たちはすべての当事者に冷静さを求めると彼は語った。",
           "首脳会議は貿易に関する共同声明なしで終わった。",
           "特使は木曜日に相手国の担当者と会談する。",
           "政府によると、停戦は維持されている。",
           "交渉は五月の選挙の後に再開される。"],
    "ar": ["قال الوزير إن المحادثات أحرزت تقدما كبيرا.",
           "ستعيد الحكومتان فتح سفارتيهما في الربيع المقبل.",
           "رفضت المتحدثة التعليق على التقرير.",
           "ندعو جميع الأطراف إلى التهدئة، قال الرئيس.",
           "انتهت القمة دون بيان مشترك بشأن التجارة.",
           "سيلتقي المبعوث الخاص نظيره يوم الخميس.",
           "وفقا للحكومة، لا يزال وقف إطلاق النار صامدا.",
           "ستستأنف المفاوضات بعد الانتخابات في مايو."],
}


def main() -> None:
    right: Counter[str] = Counter()
    wrong = []
    for code, sentences in SENTENCES.items():
        for sentence in sentences:
            found = detect_language(sentence)
            if found == code:
                right[code] += 1
            else:
                wrong.append((code, found, sentence))
    total = sum(len(s) for s in SENTENCES.values())
    print("| language | right | of |")
    print("|---|---|---|")
    for code, sentences in SENTENCES.items():
        print(f"| {code} | {right[code]} | {len(sentences)} |")
    print(f"| all | {sum(right.values())} | {total} ({sum(right.values()) / total:.3f}) |")
    for code, found, sentence in wrong:
        print(f"wrong: {code} taken for {found}: {sentence}")
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    others = [s for code, group in SENTENCES.items() if code != "en" for s in group]
    for label, texts in (("seed article (English shortcut)", seeds * 200), ("non-English sentence (py3langid)", others * 10)):
        start = time.perf_counter()
        for text in texts:
            detect_language(text)
        print(f"{label}: {(time.perf_counter() - start) / len(texts) * 1e6:.0f} µs each")


if __name__ == "__main__":
    main()
